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


@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_every_page_follows_the_readers_colour_scheme(page_visits, width, scheme):
    """With nothing saved, the palette follows the system setting: dark readers get Material's
    slate scheme on every page, light readers its default one (the axe passes rely on it)."""
    expected = {"light": "default", "dark": "slate"}[scheme]
    wrong = [f"/{v.path}: {v.colour_scheme!r}" for v in page_visits.get(width, scheme) if v.colour_scheme != expected]
    assert wrong == [], f"pages not in the {expected} scheme:\n" + "\n".join(wrong)


def palette_state(page) -> dict:
    return page.evaluate("""() => ({
      scheme: document.body.getAttribute('data-md-color-scheme'),
      toggle: [...document.querySelectorAll('[data-handbook-palette] label')]
        .filter(label => !label.hidden && label.offsetWidth > 0).map(label => label.title),
      themeColor: (document.querySelector('meta[name=theme-color]') || {}).content,
      colorScheme: (document.querySelector('meta[name=color-scheme]') || {}).content,
      header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
      materialPalette: document.querySelectorAll('[data-md-component=palette]').length})""")


def hex_colour(rgb: str) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])


def test_the_colour_toggle_cycles_system_light_dark_and_remembers_the_choice(browser, site_url):
    """The header's toggle (partials/palette.html and partials/javascripts/palette.html, which
    replace Material's palette component) does what Material's did: system, then light, then
    dark; one visible button naming what it does next; the choice kept from page to page; "system"
    follows the system when it changes; Enter on the focused toggle moves on like a click; a
    damaged saved choice is ignored."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        open_page(page, site_url + "skills/sql/")
        state = palette_state(page)
        assert state["materialPalette"] == 0, "Material's palette component is back: it restyles every page as it starts"
        assert (state["scheme"], state["toggle"], state["colorScheme"]) == ("slate", ["Switch to light mode"], "dark")
        assert state["themeColor"] == hex_colour(state["header"])
        steps = []
        for _ in range(3):
            page.locator("[data-handbook-palette] label:not([hidden])").click()
            state = palette_state(page)
            steps.append((state["scheme"], state["toggle"], state["colorScheme"]))
        assert steps == [("default", ["Switch to dark mode"], "light"),
                         ("slate", ["Switch to system preference"], "dark"),
                         ("slate", ["Switch to light mode"], "dark")]  # back to the system's, dark
        page.emulate_media(color_scheme="light")  # the system changes while "system" is chosen
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        page.locator("[data-handbook-palette] label:not([hidden])").click()  # light, kept
        open_page(page, site_url + "hiring/")
        assert palette_state(page)["toggle"] == ["Switch to dark mode"]
        page.emulate_media(color_scheme="dark")  # a chosen light scheme ignores the system
        assert palette_state(page)["scheme"] == "default"
        page.locator("[data-handbook-palette] input:checked").focus()
        page.keyboard.press("Enter")
        state = palette_state(page)
        assert (state["scheme"], state["toggle"]) == ("slate", ["Switch to system preference"])
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to system preference"
        # A choice saved by Material's own component carries over; a damaged one is ignored (the
        # page follows the system, dark here); an index past the end means the last option, as in Material.
        key = page.evaluate("__md_scope.pathname + '.__palette'")
        material_light = ('{"index":1,"color":{"media":"(prefers-color-scheme: light)","scheme":"default",'
                          '"primary":"indigo","accent":"indigo"}}')
        for value, expected in [(material_light, ("default", ["Switch to dark mode"])),
                                ("{not json", ("slate", ["Switch to light mode"])),
                                ('{"index":1.5}', ("slate", ["Switch to light mode"])),
                                ('{"index":9}', ("slate", ["Switch to system preference"]))]:
            page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, value])
            open_page(page, site_url + "hiring/")
            state = palette_state(page)
            assert (state["scheme"], state["toggle"]) == expected, value
            assert page.locator("[data-handbook-palette] input:checked").count() == 1
            assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
        assert page.errors == []
    finally:
        context.close()


def test_the_colour_toggle_works_when_the_browser_blocks_storage(browser, site_url):
    """Storage blocked (a SecurityError on any use of localStorage): the page follows the system
    and the toggle still switches, for the page in view."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() {"
                            "throw new DOMException('blocked', 'SecurityError'); }})")
    page = context.new_page()
    try:
        open_page(page, site_url + "skills/sql/")
        state = palette_state(page)
        assert (state["scheme"], state["toggle"]) == ("slate", ["Switch to light mode"])
        page.locator("[data-handbook-palette] label:not([hidden])").click()
        state = palette_state(page)
        assert (state["scheme"], state["toggle"]) == ("default", ["Switch to dark mode"])
    finally:
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
