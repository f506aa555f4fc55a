"""Chromium for the tests, the benchmarks and the screenshots, and the few things they all do with a
page: open it and wait until Material has started, run axe, list the site's pages.

Waiting is always on a condition, never on time: the `load` event, then Material's `document$`
(it emits once Material's bundle has set up the page's components), then two animation frames, so
whatever those components changed has been laid out and painted.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# axe-core, vendored from npm (scripts/update-axe): injected into the page under test, so the tests
# need neither Node nor a download.
AXE = Path(__file__).parent / "vendor" / "axe-core"
# axe-core rule tags: WCAG 2.2 A and AA (and the 2.0 and 2.1 rules they include).
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# One page per template: the pages the Lighthouse benchmark audits and the layout-shift test loads.
TEMPLATES = {
    "home": "/", "skill page": "/skills/sql/", "salary": "/salary/", "compare": "/compare/",
    "become": "/become/", "hiring": "/hiring/", "glossary": "/glossary/",
    # Lighthouse refuses to audit a response with status 404, so the 404 template is audited at
    # its own address, where the host serves it with status 200.
    "404": "/404.html",
}
MISSING_PAGE = "no-such-page/"  # any missing path: the host answers with 404.html and status 404

# Resolves after two frames: everything changed before the call has been laid out and painted.
# (The timers only turn a page that stopped rendering into an error instead of a hang.)
NEXT_FRAMES = """() => new Promise((done, fail) => {
  setTimeout(() => fail(new Error("no frame was painted within 20 s")), 20000);
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
})"""
# Resolves once Material has started (its document$ has emitted) and two frames have followed.
MATERIAL_STARTED = """() => new Promise((done, fail) => {
  if (document.readyState !== "complete") return fail(new Error("called before the load event"));
  if (!window.document$) return fail(new Error("Material did not start: no document$ on " + location.href));
  setTimeout(() => fail(new Error("Material did not start within 20 s on " + location.href)), 20000);
  window.document$.subscribe(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
})"""


# Every layout shift so far, with the elements that moved (Layout Instability API; the buffered
# entries are handed over at once by takeRecords()).
LAYOUT_SHIFTS = """() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: "layout-shift", buffered: true});
  const entries = observer.takeRecords();
  observer.disconnect();
  // A shift below 0.0001 moves nothing a reader can see (Chromium reports such slivers for the
  // hidden search options now and then); anything larger is reported.
  return entries.filter(entry => entry.value >= 0.0001).map(entry => entry.value.toFixed(4) + " " + (entry.sources || []).map(s =>
    s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + "." + s.node.className
                                    : String(s.node && s.node.nodeName)).join(", "));
}"""


def find_chromium() -> str | None:
    """CHROMIUM_PATH, else the system Chromium (Debian's, as in CI), else Playwright's own."""
    candidates = [os.environ.get("CHROMIUM_PATH")]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")]
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            candidates.append(p.chromium.executable_path)
    except Exception:  # noqa: BLE001, S110 (no browser bundled with Playwright: the system one or nothing)
        pass
    return next((c for c in candidates if c and Path(c).is_file()), None)


def launch(playwright, executable: str | None = None):
    """Chromium with the flags every user of this module runs it with."""
    return playwright.chromium.launch(executable_path=executable or find_chromium(), args=CHROMIUM_ARGS)


def open_page(page, url: str):
    """Go to `url` and return its response once the page has loaded and Material has started."""
    response = page.goto(url, wait_until="load")
    material_started(page)
    return response


def material_started(page) -> None:
    """After a load or reload: wait until Material has started and two frames have been painted."""
    page.evaluate(MATERIAL_STARTED)


def next_frames(page) -> None:
    page.evaluate(NEXT_FRAMES)


# The rules whose outcome depends on the colour scheme. The other rules read the markup, which is
# the same in both schemes, so a page's second scheme needs only these (about half of axe's time).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@functools.cache
def axe_source() -> str:
    """The vendored axe.min.js, once it is known to be the release its record names."""
    record = json.loads((AXE / "source.json").read_text(encoding="utf-8"))
    body = (AXE / "axe.min.js").read_bytes()
    sri = "sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    if sri != record["sri"]:
        raise RuntimeError(f"{AXE / 'axe.min.js'} hashes to {sri}, not to axe-core {record['version']}'s "
                           f"{record['sri']}: run scripts/update-axe {record['version']}")
    return body.decode("utf-8")


def axe_violations(page, colour_only: bool = False) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now, one line each; with
    colour_only, the colour rules alone (for a page already checked in the other scheme)."""
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(axe_source())  # once per document: a page checked twice keeps it
    # resultTypes: axe still runs every rule, but details only the violations (faster).
    rules = {"type": "rule", "values": COLOUR_RULES} if colour_only else {"type": "tag", "values": WCAG}
    options = {"runOnly": rules, "resultTypes": ["violations"]}
    violations = page.evaluate("options => axe.run(document, options).then(result => result.violations)", options)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]


def is_redirect_stub(html: str) -> bool:
    return 'http-equiv="refresh"' in html


def site_pages(site: Path) -> list[str]:
    """The path of every page a reader can land on: each page of the site, not the redirect stubs,
    and a missing page (answered with 404.html)."""
    paths = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                   if not is_redirect_stub(p.read_text(encoding="utf-8")))
    return [p.removeprefix("./") for p in paths] + [MISSING_PAGE]


def redirect_stubs(site: Path) -> list[str]:
    """The paths of the redirect stubs (old addresses that send the reader on)."""
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
                  if is_redirect_stub(p.read_text(encoding="utf-8")))
