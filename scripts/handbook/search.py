"""Material's own search (lunr in a web worker) driven in Chromium the way a reader does, and the
queries the tests and the search benchmark type.

Material sends each query to its search worker (message type 2) and renders the worker's answer
(type 3). WATCH_WORKER counts both, so a caller knows when the answer to the *last* keystroke has
arrived instead of guessing with a timeout. It observes the real worker; nothing is replaced.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from handbook import model
from handbook.browser import next_frames


def spellings(skill) -> list[str]:
    names = [skill.name, *skill.aliases]
    return list(dict.fromkeys(names + [n.lower() for n in names]))


SKILLS = model.load().skills
# (query, the page that must come first): every spelling of every skill.
SKILL_QUERIES = [(q, f"/skills/{s.slug}/") for s in SKILLS for q in spellings(s)]
# (query, a page that must be in the top three): topics named on a page, the skill pages' from the
# data file, plus the other pages' main topics.
TOPIC_QUERIES = [(t, f"/skills/{s.slug}/") for s in SKILLS for t in s.topics] + [
    ("salary", "/salary/"), ("San Francisco", "/salary/"), ("job boards", "/become/"),
    ("portfolio", "/become/"), ("degree", "/become/"), ("Glassdoor", "/become/"),
    ("data scientist", "/compare/data-scientist/"), ("AI engineer", "/compare/"),
    ("data engineer", "/compare/"), ("self-assessment", "/career/"), ("job posting", "/hiring/"),
    ("link kit", "/hiring/"), ("distribution shift", "/responsibilities/"),
]
INDEX_URL = "**/search/search_index.json"  # the request lazy-search-index.html holds back

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
    """Click into the search box, as a reader does: that is what lets the index load."""
    page.locator(".md-search__input").click()


def shared_link_answered(page) -> None:
    """After loading a page with ?q=: wait until the worker has answered and the answer is drawn."""
    page.wait_for_function("() => window.__search && window.__search.received > 0")
    next_frames(page)


def answered(page, query: str, timeout: float = 10_000) -> None:
    """Wait until the worker has answered every query so far, the box holds `query`, and the
    answer is drawn."""
    page.wait_for_function(ANSWERED, arg=query, timeout=timeout)
    next_frames(page)


def result_paths(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "els => els.map(e => e.href)"
    )
    return [urlsplit(h).path for h in hrefs]


def search(page, query: str, timeout: float = 10_000, pause_before_last: bool = False,
           keystrokes: bool = True) -> list[str]:
    """Type `query` into the search box; return the result pages' paths, best first.

    Material searches on each key release, so typing key by key (the default) sends one query per
    character, as a reader's typing does. With keystrokes=False the whole query is entered at once
    and one key (End) released, as after pasting it: one query, for checks of the final ranking.
    With pause_before_last, wait for the answer to all but the last character before typing it,
    as a reader who pauses would: the benchmark then times the last query alone, not the queue
    of one query per keystroke that typing at machine speed builds up.
    """
    box = page.locator(".md-search__input")
    if not keystrokes:
        box.fill(query)
        box.press("End")
    else:
        box.fill("")
        if pause_before_last and len(query) > 1:
            box.press_sequentially(query[:-1], delay=0)
            page.wait_for_function(ANSWERED, arg=query[:-1], timeout=timeout)
            query_end = query[-1]
        else:
            query_end = query
        box.press_sequentially(query_end, delay=0)  # Material listens to key events, not to fill()
    answered(page, query, timeout)
    return result_paths(page)
