"""One visit to a page records everything the page-wide checks need, so each check reads the
record instead of loading the page again: every request (URL, origin, bytes on the wire), console
and page errors, Content-Security-Policy violations, layout shifts while the page loads and,
optionally, axe-core's violations.

A Visitor keeps one page per width and colour scheme, by default with the browser cache
disabled, so every visit transfers what a first visit would. It waits on conditions only: the
load event, Material started (see browser.py), on a first visit the browser's request for the
page's icon (it comes after load), and the end of every request the page made.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from handbook.browser import LAYOUT_SHIFTS, axe_violations, material_started

VIEWPORTS = {390: 844, 1280: 900}  # width: height, a phone and a laptop
VISIT_LIMIT = 90  # seconds; a visit takes 1 to 4 s
# Records each Content-Security-Policy violation as the page reports it to itself.
RECORD_CSP = """(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({directive: event.violatedDirective, blocked: event.blockedURI,
                                 sample: event.sample, source: event.sourceFile, line: event.lineNumber});
  });
})();"""


@dataclass
class Request:
    url: str
    origin: str        # scheme://host:port, "" for data: and blob: URLs
    bytes: int         # response headers and (compressed) body as received; 0 if it failed
    failure: str | None = None


@dataclass
class Visit:
    path: str
    url: str
    width: int
    scheme: str
    status: int | None = None
    requests: list[Request] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)   # console errors and uncaught page errors
    csp: list[dict] = field(default_factory=list)     # Content-Security-Policy violations
    axe: list[str] = field(default_factory=list)      # axe-core violations (when asked for)
    shifts: list[str] = field(default_factory=list)   # layout shifts until Material has started
    html_class: str = ""                              # <html class> then (js, no-js)
    colour_scheme: str = ""                           # Material's scheme on <body>: default (light) or slate (dark)
    page_width: int = 0                               # the document's width: wider than the window scrolls sideways
    first_figure: float | None = None                 # how far down the page its first cited figure starts (px)
    redirect: bool = False                            # a redirect stub, recorded with its target

    @property
    def transferred(self) -> int:
        return sum(r.bytes for r in self.requests)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


class Visitor:
    """One browser page at one width and colour scheme, visiting pages one after another. When
    cold (the default) the browser cache is disabled, so each visit transfers what a first visit
    to that page would; otherwise pages share the cache, as when a reader moves between pages."""

    def __init__(self, browser, base_url: str, width: int = 1280, scheme: str = "light", cold: bool = True):
        self.base_url, self.width, self.scheme, self.cold = base_url, width, scheme, cold
        self.context = browser.new_context(viewport={"width": width, "height": VIEWPORTS.get(width, 900)},
                                           color_scheme=scheme)
        self.seen = []
        self.context.on("request", lambda request: self.seen.append(request))
        self.context.add_init_script(RECORD_CSP)
        self.page = self.context.new_page()
        self.record = Visit(path="", url="", width=width, scheme=scheme)
        self.page.on("console", lambda m: m.type == "error" and self.record.errors.append(
            f"console: {m.text} (at {m.location.get('url', '')})"))
        self.page.on("pageerror", lambda error: self.record.errors.append(f"page error: {error}"))
        if cold:
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def visit(self, path: str, axe: bool | str = True, redirect: bool = False) -> Visit:
        """Load base_url + path and record it. With redirect, the page is a redirect stub: the
        wait is for the page it sends the reader to."""
        self.seen.clear()
        record = self.record = Visit(path=path, url=self.base_url + path, width=self.width, scheme=self.scheme,
                                     redirect=redirect)
        response = self.page.goto(record.url, wait_until="load")
        record.status = response.status if response else None
        if redirect:
            self.page.wait_for_url(lambda url: url != record.url)  # and that page's load event
        material_started(self.page)
        record.shifts = self.page.evaluate(LAYOUT_SHIFTS)
        record.html_class = self.page.evaluate("document.documentElement.className")
        record.colour_scheme = self.page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''")
        record.page_width = self.page.evaluate("document.documentElement.scrollWidth")
        record.first_figure = self.page.evaluate(
            "(c => c && c.getBoundingClientRect().top + scrollY)(document.querySelector('.md-content .fact-cite'))")
        if self.cold:  # a first visit's bytes include the icon; with the cache on it may come from there
            wait_for_icon(self.page, self.context, self.seen)
        record.requests = finish(self.seen)
        if axe:
            record.axe = axe_violations(self.page, colour_only=axe == "colour")
        record.csp = self.page.evaluate("window.__cspViolations")
        return record

    def close(self) -> None:
        self.context.close()


def wait_for_icon(page, context, seen) -> None:
    """Chromium asks for the page's icon after the load event; wait for that request."""
    icon = page.evaluate("() => (document.querySelector('link[rel~=icon]') || {}).href || null")
    if icon and not any(request.url == icon for request in seen):
        context.wait_for_event("request", predicate=lambda request: request.url == icon)


def finish(seen) -> list[Request]:
    """Wait for every request so far to end (the list may grow meanwhile); what each one cost."""
    done, index = [], 0
    while index < len(seen):
        request = seen[index]
        index += 1
        response = request.response()  # waits for the response; None if the request failed
        if response is not None:
            response.finished()        # waits for the body
        failure = request.failure
        size = 0
        if response is not None and failure is None:
            sizes = request.sizes()
            size = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        done.append(Request(request.url, origin_of(request.url), size, failure))
    return done


def visit_setting(base_url: str, width: int, scheme: str, pages: list[str], stubs: list[str],
                  cold: bool) -> list[Visit]:
    """Every page (then every redirect stub, without axe) at one width and colour scheme, in a
    browser of its own: run in a separate process, so that two settings can be visited at once."""
    from playwright.sync_api import sync_playwright

    from handbook.browser import launch

    def visit(path, **options):
        # A watchdog: some waits (a response's body) have no timeout of their own, and a visit
        # that never ends would hang the whole run; fail loudly, naming the page, instead.
        def stuck(*_):
            raise TimeoutError(f"visiting /{path} at {width} px, {scheme}, took over {VISIT_LIMIT} s")
        signal.signal(signal.SIGALRM, stuck)
        signal.alarm(VISIT_LIMIT)
        try:
            return visitor.visit(path, **options)
        finally:
            signal.alarm(0)

    with sync_playwright() as playwright:
        browser = launch(playwright)
        visitor = Visitor(browser, base_url, width, scheme, cold=cold)
        try:
            # Dark pages have the light pages' markup: only the colour rules can differ.
            visits = [visit(path, axe="colour" if scheme == "dark" else True) for path in pages]
            visits += [visit(path, axe=False, redirect=True) for path in stubs]
        finally:
            visitor.close()
            browser.close()
    return visits
