"""Drive Material's own search in Chromium the way a reader does: type, wait for the results.

Material sends each query to its search worker (message type 2) and renders the worker's answer
(type 3). WATCH_WORKER counts both, so a test knows when the answer to the *last* keystroke has
arrived instead of guessing with a timeout. It observes the real worker; nothing is replaced.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WATCH_WORKER = """(() => {
  const NativeWorker = window.Worker;
  window.__search = {sent: 0, received: 0, answeredAt: 0, keyAt: 0, renderedAt: 0};
  // For the benchmark: when the reader last pressed a key, and when results were last drawn.
  document.addEventListener("keyup", () => { window.__search.keyAt = performance.now(); }, true);
  new MutationObserver(() => {
    const list = document.querySelector(".md-search-result__list");
    if (list && !list.__watched) {
      list.__watched = true;
      new MutationObserver(() => { window.__search.renderedAt = performance.now(); })
        .observe(list, {childList: true, subtree: true});
    }
  }).observe(document, {childList: true, subtree: true});
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


def search(page, query: str, timeout: float = 10_000, pause_before_last: bool = False) -> list[str]:
    """Type `query` into the search box; return the result pages' paths, best first.

    With pause_before_last, wait for the answer to all but the last character before typing it,
    as a reader who pauses would: the benchmark then times the last query alone, not the queue
    of one query per keystroke that typing at machine speed builds up.
    """
    box = page.locator(".md-search__input")
    box.fill("")
    if pause_before_last and len(query) > 1:
        box.press_sequentially(query[:-1], delay=0)
        page.wait_for_function(ANSWERED, arg=query[:-1], timeout=timeout)
        query_end = query[-1]
    else:
        query_end = query
    box.press_sequentially(query_end, delay=0)  # Material listens to key events, not to fill()
    page.wait_for_function(ANSWERED, arg=query, timeout=timeout)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return result_paths(page)
