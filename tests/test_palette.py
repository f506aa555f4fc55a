"""The colour palette toggle (overrides/partials/palette-toggle.js) in real Chromium.

It replaces Material's palette component, so it must do everything that component did: follow the
system, switch light/dark/system from the mouse and the keyboard, remember the choice, and survive
bad saved data. And it must be right before the content is parsed, so nothing flashes.
"""

import pytest

pytestmark = pytest.mark.browser

STATE = """() => {
  const label = [...document.querySelectorAll('form[data-handbook-palette] label')].find(l => !l.hidden);
  return {scheme: document.body.getAttribute('data-md-color-scheme'),
          label: label ? label.title : null,
          colorScheme: (document.querySelector('meta[name=color-scheme]') || {}).content,
          themeColor: (document.querySelector('meta[name=theme-color]') || {}).content,
          switching: document.body.hasAttribute('data-md-color-switching'),
          materialComponent: !!document.querySelector('[data-md-component=palette]')};
}"""
# Record the scheme the moment <main> is parsed, before any of the content exists.
SCHEME_BEFORE_CONTENT = """
new MutationObserver((records, observer) => {
  if (document.querySelector('main')) {
    window.__schemeBeforeContent = document.body.getAttribute('data-md-color-scheme');
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def dark_system(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def click_toggle(page):
    page.locator("form[data-handbook-palette] label:not([hidden])").click()
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    return page.evaluate(STATE)


def test_toggle_follows_the_system_then_cycles_light_dark_system_and_is_remembered(dark_system, site_url):
    page = dark_system
    page.goto(site_url + "skills/sql/")
    state = page.evaluate(STATE)
    assert state["scheme"] == "slate" and state["label"] == "Switch to light mode", state
    assert state["colorScheme"] == "dark" and state["themeColor"].startswith("#"), state
    assert not state["materialComponent"], "Material's own palette component must not mount"

    state = click_toggle(page)
    assert (state["scheme"], state["label"], state["colorScheme"]) == ("default", "Switch to dark mode", "light")
    state = click_toggle(page)
    assert (state["scheme"], state["label"]) == ("slate", "Switch to system preference")

    page.reload()  # the choice is remembered across pages and reloads
    assert page.evaluate(STATE)["label"] == "Switch to system preference"
    page.goto(site_url + "glossary/")
    assert page.evaluate(STATE)["scheme"] == "slate"
    state = click_toggle(page)
    assert (state["scheme"], state["label"]) == ("slate", "Switch to light mode")  # system is dark
    assert page.errors == []


def test_enter_on_the_focused_toggle_moves_to_the_next_option(dark_system, site_url):
    page = dark_system
    page.goto(site_url)
    page.locator("form[data-handbook-palette] input:checked").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    state = page.evaluate(STATE)
    assert (state["scheme"], state["label"]) == ("default", "Switch to dark mode")
    assert page.evaluate("document.activeElement.id") == "__palette_1"


def test_following_the_system_reacts_when_the_system_changes(dark_system, site_url):
    page = dark_system
    page.goto(site_url)
    assert page.evaluate(STATE)["scheme"] == "slate"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.errors == []


def test_palette_is_applied_before_the_content_is_parsed(dark_system, site_url):
    page = dark_system
    page.add_init_script(SCHEME_BEFORE_CONTENT)
    page.goto(site_url + "salary/")
    assert page.evaluate("window.__schemeBeforeContent") == "slate"
    click_toggle(page)  # light, saved
    page.reload()
    assert page.evaluate("window.__schemeBeforeContent") == "default"


@pytest.mark.parametrize("saved", ["{not json", '{"index": 99}', '{"index": "1"}', '{"index": 1.5}',
                                   '{"index": -1}', "null", "[]"])
def test_bad_saved_palette_falls_back_to_the_system_without_errors(dark_system, site_url, saved):
    page = dark_system
    page.goto(site_url)
    page.evaluate("value => localStorage.setItem(__md_scope.pathname + '.__palette', value)", saved)
    page.reload()
    state = page.evaluate(STATE)
    assert (state["scheme"], state["label"]) == ("slate", "Switch to light mode"), state
    assert page.errors == []
    assert click_toggle(page)["scheme"] == "default"  # and the toggle still works


def test_going_back_shows_the_palette_chosen_on_the_next_page(dark_system, site_url):
    """Back restores a page from the browser's cache, or reloads it and restores its radio buttons:
    either way the page must show the latest choice, with the matching radio checked."""
    page = dark_system
    page.goto(site_url + "skills/")
    page.locator("a[href$='sql/']").first.click()
    page.wait_for_url("**/skills/sql/")
    assert click_toggle(page)["scheme"] == "default"  # light, chosen on the second page
    page.go_back()
    page.wait_for_url("**/skills/")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    state = page.evaluate(STATE)
    assert state["label"] == "Switch to dark mode", state
    assert page.evaluate("document.querySelector('form[data-handbook-palette] input:checked').id") == "__palette_1"
    assert page.errors == []
