"""Every page works for everyone: zero axe-core violations (WCAG 2.2 A and AA) in light and dark
at phone and desktop width, a keyboard path through search and the palette toggle, and a first
visit that stays under the weight budget."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from static_server import serve
from test_link_previews import content_pages

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BUDGET = 100 * 1024  # bytes transferred (gzipped) by a first visit, everything included
FIXTURE = Path(__file__).parent / "fixtures" / "a11y"


def page_paths(site_dir: Path) -> list[str]:
    paths = ["" if f.parent == site_dir else f.parent.relative_to(site_dir).as_posix() + "/"
             for f in content_pages(site_dir)]
    return sorted(paths) + ["no-such-page/"]  # the 404 page


def violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_axe_violations_on_any_page(browser, site_url, site_dir, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in page_paths(site_dir):
        page.goto(site_url + path, wait_until="networkidle")
        found += [f"/{path} ({width}px, {scheme}): {v}" for v in violations(page)]
    context.close()
    assert found == [], "\n".join(found)


def test_axe_check_reports_planted_faults(browser):
    server, url = serve(FIXTURE)
    page = browser.new_page()
    page.goto(url)
    ids = {line.split(":")[0] for line in violations(page)}
    page.close()
    server.shutdown()
    assert {"image-alt", "color-contrast"} <= ids


def focused(page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      // Material's palette toggle is a visually hidden radio; its focus ring is on the next label.
      const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
      const style = getComputedStyle(shown);
      return {cls: el.className || '', tag: el.tagName, href: el.getAttribute('href') || '',
              label: el.getAttribute('aria-label') || el.getAttribute('title') || '',
              outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
              shadow: style.boxShadow !== 'none'};
    }""")


def test_keyboard_reaches_search_results_and_palette_toggle_with_visible_focus(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "skills/", wait_until="networkidle")
    # Tab from the top of the page reaches the palette toggle, and its focus is visible.
    for _ in range(12):
        page.keyboard.press("Tab")
        now = focused(page)
        if "palette" in now["label"].lower() or "mode" in now["label"].lower() \
                or "preference" in now["label"].lower():
            break
    else:
        pytest.fail("Tab never reached the colour palette toggle")
    assert now["outline"] or now["shadow"], f"no visible focus on the palette toggle: {now}"
    # The "/" shortcut opens search from the keyboard; Tab then reaches the results.
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    assert "md-search__input" in focused(page)["cls"]
    page.keyboard.type("SQL")
    page.wait_for_selector(".md-search-result__item")
    for _ in range(6):
        page.keyboard.press("Tab")
        if "md-search-result__link" in focused(page)["cls"]:
            break
    else:
        pytest.fail("Tab never reached a search result")
    now = focused(page)
    assert now["outline"] or now["shadow"], f"no visible focus on a search result: {now}"
    page.keyboard.press("Enter")
    page.wait_for_url("**/skills/sql/**")
    context.close()


def first_visit_bytes(browser, url: str) -> tuple[int, list[str]]:
    """Bytes on the wire (gzipped where the server compresses) for one cold page load."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes, urls = {}, {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return sum(sizes.values()), [urls.get(r, "?") for r in sizes]


def over_budget(measured: dict[str, int], budget: int = BUDGET) -> list[str]:
    return [f"{path}: {size / 1024:.1f} KiB (budget {budget / 1024:.0f} KiB)"
            for path, size in measured.items() if size > budget]


def test_first_visit_to_every_page_stays_within_the_weight_budget(browser, site_dir):
    server, url = serve(site_dir, gzip=True)
    measured = {}
    try:
        for path in page_paths(site_dir):
            measured["/" + path], _ = first_visit_bytes(browser, url + path)
    finally:
        server.shutdown()
    assert over_budget(measured) == [], measured
    assert min(measured.values()) > 20 * 1024  # the measurement saw the real assets


def test_budget_check_reports_a_heavy_page():
    assert over_budget({"/light/": 90_000, "/heavy/": 140_000}) == ["/heavy/: 136.7 KiB (budget 100 KiB)"]


def test_no_web_fonts_and_only_light_image_formats(site_dir):
    fonts = [p for p in site_dir.rglob("*") if p.suffix in {".woff", ".woff2", ".ttf", ".otf", ".eot"}]
    assert fonts == []
    images = [p for p in site_dir.rglob("*") if p.suffix in {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}]
    heavy = [p for p in images if p.suffix in {".jpg", ".jpeg", ".gif"} or p.stat().st_size > 80_000]
    assert heavy == []
