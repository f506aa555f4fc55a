"""Drive Material's own search in Chromium the way a reader does: type, wait for the results.

Material sends each query to its search worker (message type 2) and renders the worker's answer
(type 3). WATCH_WORKER counts both, so a test knows when the answer to the *last* keystroke has
arrived instead of guessing with a timeout. It observes the real worker; nothing is replaced.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WATCH_WORKER = """(() => {
  const NativeWorker = window.Worker;
  window.__search = {sent: 0, received: 0, answeredAt: 0};
  window.Worker = function (url, options) {
    const worker = new NativeWorker(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) window.__search.sent++;
      return post(message, ...rest);
    };
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 3) {
        window.__search.received++;
        window.__search.answeredAt = performance.now();
      }
    });
    return worker;
  };
})();"""

# True once the worker has answered every query sent so far and the box holds `query`.
ANSWERED = """(query) => {
  const box = document.querySelector('.md-search__input');
  const s = window.__search;
  return box && box.value === query && s && s.sent > 0 && s.received >= s.sent;
}"""


def watch_search(page):
    """Call before page.goto(): instruments the search worker of every page loaded afterwards."""
    page.add_init_script(WATCH_WORKER)


def open_search(page):
    page.locator(".md-search__input").click()


def result_paths(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "els => els.map(e => e.href)"
    )
    return [urlsplit(h).path for h in hrefs]


def search(page, query: str, timeout: float = 10_000) -> list[str]:
    """Type `query` into the search box; return the result pages' paths, best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=0)  # Material listens to key events, not to fill()
    page.wait_for_function(ANSWERED, arg=query, timeout=timeout)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return result_paths(page)
