"""Smoke tests in real Chromium: the site renders and Material's own search finds pages."""

import pytest

from bench_site import TEMPLATES as BENCHMARK_TEMPLATES

pytestmark = pytest.mark.browser


def test_home_page_renders_without_errors(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    assert "Machine Learning Engineer" in page.locator("h1").first.inner_text()
    assert page.locator(".md-nav").first.is_visible() or page.locator(".md-header").is_visible()
    assert page.errors == [], "\n".join(page.errors)


def search(page, query):
    """Type into Material's search box and return the result links (hrefs) in order."""
    page.locator(".md-search__input").click()
    # Material reacts to key events, so type like a person instead of fill()
    page.locator(".md-search__input").press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_typing_a_word_from_a_page_lists_that_page(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    results = search(page, "licence")
    assert any("/about/" in href for href in results), results
    assert page.errors == [], "\n".join(page.errors)


# Layout shifts while a page loads, with the element that moved (Layout Instability API).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    const moved = (entry.sources || []).map(s => s.node && s.node.nodeType === 1
      ? s.node.tagName.toLowerCase() + '.' + s.node.className : String(s.node && s.node.nodeName));
    window.__shifts.push(entry.value.toFixed(4) + ' ' + moved.join(', '));
  }
}).observe({type: 'layout-shift', buffered: true});
"""
# One page per template, the same pages the Lighthouse benchmark audits.
TEMPLATES = [path.lstrip("/") for path in BENCHMARK_TEMPLATES.values()]


def shifts_while_loading(browser, url, width, disable_javascript=False):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=not disable_javascript)
    page = context.new_page()
    page.add_init_script(RECORD_SHIFTS)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    classes = page.evaluate("document.documentElement.className")
    context.close()
    return shifts, classes


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_shifts_while_a_page_loads(browser, site_url, width):
    """Material's scripts are deferred, so the page is painted before they start: the head's early
    js class and the palette toggle after the header keep that first paint final."""
    found = []
    for path in TEMPLATES:
        shifts, classes = shifts_while_loading(browser, site_url + path, width)
        assert classes.split().count("js") == 1 and "no-js" not in classes, (path, classes)
        found += [f"/{path}: {s}" for s in shifts]
    assert found == [], "layout shifts while loading:\n" + "\n".join(found)


def test_shift_check_reports_a_planted_late_banner(browser):
    """The checker itself: a banner inserted above the text after load is reported."""
    planted = ("data:text/html,<html class='no-js'><body><p id='text'>Some text</p><script>"
               "document.documentElement.className='js';setTimeout(()=>document.body.insertAdjacentHTML("
               "'afterbegin','<div style=\\'height:200px\\'>late banner</div>'),100)</script></body></html>")
    shifts, _ = shifts_while_loading(browser, planted, 390)
    assert shifts and "p." in shifts[0], shifts


def test_without_javascript_material_keeps_its_no_javascript_state(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "skills/sql/")
    assert page.locator("html.no-js").count() == 1
    assert not page.locator("label.md-header__button[for=__search]").is_visible()
    assert page.locator("h1").first.is_visible()
    context.close()


def test_if_materials_bundle_fails_to_load_the_page_falls_back_to_no_javascript(browser, site_url):
    """The head swaps no-js for js before Material starts; if the bundle then fails to load, the
    bundle's onerror puts no-js back, so Material hides the search it cannot run."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(site_url + "skills/sql/", wait_until="load")
    page.wait_for_function("document.documentElement.classList.contains('no-js')")
    assert not page.locator("label.md-header__button[for=__search]").is_visible()
    assert page.locator("h1").first.is_visible()
    context.close()
