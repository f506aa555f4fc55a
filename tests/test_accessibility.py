"""Every page works for everyone: zero axe-core violations (WCAG 2.2 A and AA) in light and dark
at phone and desktop width, a keyboard path through search and the palette toggle, and a first
visit that stays under the weight budget.

The page-wide checks read the session's one visit to each page per width and colour scheme
(`page_visits` in conftest.py), which records axe's results and every request with its bytes. The
dark visits run axe's colour rules only: the markup is the light visits', so nothing else can differ."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIRST_VISITS, VISIT_SETTINGS
from handbook import browser as handbook_browser
from handbook.browser import axe_violations, open_page
from handbook.search import answered, watch_search
from handbook.static_server import serve

pytestmark = pytest.mark.browser

BUDGET = 100 * 1024  # bytes transferred (gzipped) by a first visit, everything included
FIXTURE = Path(__file__).parent / "fixtures" / "a11y"


@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_no_axe_violations_on_any_page(page_visits, width, scheme):
    visits = page_visits.get(width, scheme)
    found = [f"/{v.path} ({width}px, {scheme}): {line}" for v in visits for line in v.axe]
    assert found == [], "\n".join(found)
    assert sum(1 for v in visits if not v.redirect) >= 24  # every page was checked, the 404 page too


def test_axe_check_reports_planted_faults(browser):
    server, url = serve(FIXTURE)
    page = browser.new_page()
    page.goto(url, wait_until="load")
    ids = {line.split(":")[0] for line in axe_violations(page)}
    colour_ids = {line.split(":")[0] for line in axe_violations(page, colour_only=True)}  # the dark visits' run
    page.close()
    server.shutdown()
    assert {"image-alt", "color-contrast"} <= ids
    assert "color-contrast" in colour_ids and "image-alt" not in colour_ids


def test_vendored_axe_is_the_release_its_record_names(tmp_path, monkeypatch):
    record = json.loads((handbook_browser.AXE / "source.json").read_text(encoding="utf-8"))
    assert handbook_browser.axe_source().startswith(f"/*! axe v{record['version']}\n")
    # One byte added to the vendored file stops every axe check, naming the way back.
    tampered = tmp_path / "axe-core"
    shutil.copytree(handbook_browser.AXE, tampered)
    (tampered / "axe.min.js").write_text(handbook_browser.axe_source() + "\n", encoding="utf-8")
    monkeypatch.setattr(handbook_browser, "AXE", tampered)
    handbook_browser.axe_source.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=f"scripts/update-axe {record['version']}"):
            handbook_browser.axe_source()
    finally:
        handbook_browser.axe_source.cache_clear()


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
    watch_search(page)
    open_page(page, site_url + "skills/")
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
    answered(page, "SQL")  # the results for the whole word are drawn, and stay
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


def over_budget(measured: dict[str, int], budget: int = BUDGET) -> list[str]:
    return [f"{path}: {size / 1024:.1f} KiB (budget {budget / 1024:.0f} KiB)"
            for path, size in measured.items() if size > budget]


@pytest.mark.xdist_group("visits-{}-{}".format(*FIRST_VISITS))
def test_first_visit_to_every_page_stays_within_the_weight_budget(page_visits):
    """A phone's first visit (empty cache), the site served gzip-compressed as a host sends it."""
    assert FIRST_VISITS == (390, "light")
    measured = {"/" + v.path: v.transferred for v in page_visits.get(*FIRST_VISITS) if not v.redirect}
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
