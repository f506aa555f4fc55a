"""Smoke tests in real Chromium: the site renders and Material's own search finds pages."""

import pytest

from conftest import VISIT_SETTINGS
from handbook.browser import LAYOUT_SHIFTS, MISSING_PAGE, TEMPLATES, open_page
from handbook.search import open_search, search, watch_search
from handbook.static_server import serve
from handbook.visits import VIEWPORTS, Visitor

pytestmark = pytest.mark.browser


def test_home_page_renders_without_errors(page, site_url):
    open_page(page, site_url)
    assert "Machine Learning Engineer" in page.locator("h1").first.inner_text()
    assert page.locator(".md-nav").first.is_visible() or page.locator(".md-header").is_visible()
    assert page.errors == [], "\n".join(page.errors)


def test_typing_a_word_from_a_page_lists_that_page(page, site_url):
    watch_search(page)
    open_page(page, site_url)
    open_search(page)
    results = search(page, "licence")  # typed key by key, as Material listens to key events
    assert "/about/" in results, results
    assert page.errors == [], "\n".join(page.errors)


@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_nothing_shifts_while_a_page_loads(page_visits, width, scheme):
    """Material's scripts are deferred, so the page is painted before they start: the head's early
    js class and the palette toggle after the header keep that first paint final. Read from the one
    visit to every page (layout shifts until Material has started and two frames are painted)."""
    visits = page_visits.get(width, scheme)
    visited = {"/" + v.path for v in visits}  # every template among them; 404.html as a missing page
    assert set(TEMPLATES.values()) - visited == {"/404.html"} and "/" + MISSING_PAGE in visited
    classes = [(v.path, v.html_class) for v in visits
               if v.html_class.split().count("js") != 1 or "no-js" in v.html_class.split()]
    assert classes == []
    found = [f"/{v.path}: {shift}" for v in visits for shift in v.shifts]
    assert found == [], "layout shifts while loading:\n" + "\n".join(found)


# A page that stands in for Material: once subscribed to, its document$ waits until the text has
# been painted (two frames), then inserts a banner above it and only then emits.
LATE_BANNER = """<html class="no-js" lang="en"><head><title>t</title></head><body>
<p id="text">Some text</p><script>
document.documentElement.className = "js";
window.document$ = {subscribe: (emit) => requestAnimationFrame(() => requestAnimationFrame(() => {
  document.body.insertAdjacentHTML("afterbegin", "<div style='height:200px'>late banner</div>");
  emit(document);
}))};
</script></body></html>"""


def visit_planted(browser, tmp_path, html: str):
    """One phone-width visit to a one-page site holding `html`, recorded as the page checks record it."""
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    server, url = serve(tmp_path)
    visitor = Visitor(browser, url, width=390)
    try:
        return visitor.visit("", axe=False)
    finally:
        visitor.close()
        server.shutdown()


def test_shift_check_reports_a_planted_late_banner(browser, tmp_path):
    """The collector itself: a banner inserted above the painted text as "Material" starts is reported."""
    visit = visit_planted(browser, tmp_path, LATE_BANNER)
    assert visit.shifts and "p." in visit.shifts[0], visit.shifts
    assert visit.html_class == "js"
    assert visit.page_width == 390  # the page fits the phone


def test_width_check_reports_a_planted_wide_page(browser, tmp_path):
    wide = LATE_BANNER.replace('<p id="text">Some text</p>', '<pre id="text">' + "x" * 400 + "</pre>")
    assert visit_planted(browser, tmp_path, wide).page_width > 390


def test_without_javascript_material_keeps_its_no_javascript_state(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "skills/sql/", wait_until="load")
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


@pytest.mark.parametrize("width, scheme", [s for s in VISIT_SETTINGS if s.values[0] == 390])
def test_no_page_scrolls_sideways_on_a_phone(page_visits, width, scheme):
    """Wide tables and code scroll inside their own boxes; the page itself never does."""
    wide = [f"/{v.path}: {v.page_width} px" for v in page_visits.get(width, scheme) if v.page_width > width]
    assert wide == [], "pages wider than the phone:\n" + "\n".join(wide)


def test_the_pay_page_shows_a_figure_in_the_first_phone_screen(page_visits):
    (salary,) = [v for v in page_visits.get(390, "light") if v.path == "salary/"]
    assert salary.first_figure is not None and salary.first_figure < VIEWPORTS[390], salary.first_figure


def test_first_figure_check_reports_a_figure_below_the_first_screen(browser, tmp_path):
    late = LATE_BANNER.replace('<p id="text">Some text</p>', '<div class="md-content"><p id="text">Some text</p>'
                               '<pre>' + "line\n" * 100 + '</pre><span class="fact-cite">(BLS, May 2024)</span></div>')
    assert visit_planted(browser, tmp_path, late).first_figure > VIEWPORTS[390]
    assert visit_planted(browser, tmp_path, late.replace("fact-cite", "other")).first_figure is None


SLOW_LINK = {"offline": False, "latency": 20, "downloadThroughput": 30_000, "uploadThroughput": 30_000}


def test_a_page_arriving_slowly_is_not_painted_before_its_tables_are_whole(browser, site_dir):
    """Over a slow connection (30 kB/s, uncompressed) a page's HTML arrives in pieces; the head
    holds the first paint until the body is parsed, so a table is never painted with half its rows
    (it then widened its columns as rows arrived: a layout shift the tests saw now and then).
    test_build.py checks that every page carries the line that does this."""
    server, url = serve(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": VIEWPORTS[1280]})
    page = context.new_page()
    try:
        open_page(page, url + "salary/")  # the stylesheets and scripts come from the cache after this
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
        found = []
        for path in ("hiring/", "salary/"):
            open_page(page, url + path)
            found += [f"/{path}: {shift}" for shift in page.evaluate(LAYOUT_SHIFTS)]
    finally:
        context.close()
        server.shutdown()
    assert found == [], "\n".join(found)
