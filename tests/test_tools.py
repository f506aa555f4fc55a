"""The two browser tools, driven in Chromium: the skills self-check (/career/) and the job-posting
builder (/hiring/). No network, data generated from skills.yml, keyboard usable, axe clean."""

from __future__ import annotations

import gzip
import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from handbook import model
from handbook.browser import axe_violations, material_started
from handbook.browser import open_page as load
from url_contract import unresolved

pytestmark = pytest.mark.browser
DATA = model.load()
STORAGE_KEY = "handbook.self-check.v1"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def open_page(context, url):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    load(page, url)
    return page


def reload(page):
    page.reload(wait_until="load")
    material_started(page)


def ratings(page) -> dict:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '#self-check-form input[type=radio]:checked')].map(i => [i.name, i.value]))""")


def site_paths(urls: list[str]) -> list[str]:
    return [urlsplit(u).path + (f"#{urlsplit(u).fragment}" if urlsplit(u).fragment else "") for u in urls]


# ---- self-check ---------------------------------------------------------------------------

def test_self_check_shows_gaps_with_learn_links_and_survives_a_reload(context, site_url, site_dir):
    page = open_page(context, site_url + "career/#self-assessment")
    page.select_option("#self-check-target", "senior")
    page.check("#rate-python-awareness")
    page.check("#rate-sql-expert")
    result = page.locator(".self-check__result")
    assert f"1 of {len(DATA.skills)} skills are below" in result.inner_text()
    links = result.locator("a").evaluate_all("els => els.map(e => e.href)")
    learn = [p for p in site_paths(links) if p.endswith("#learn")]
    assert learn == ["/skills/python/#learn"]  # the one gap
    # each row's expected level links to that level's section of the skill page
    levels = [p for p in site_paths(links) if "#level" in p]
    assert levels[0] == "/skills/python/#level-" + DATA.skill("python").expected["senior"]
    assert len(levels) == len(DATA.skills)
    assert unresolved(site_dir, site_paths(links)) == []
    reload(page)
    assert ratings(page) == {"python": "awareness", "sql": "expert"}
    assert page.input_value("#self-check-target") == "senior"
    assert axe_violations(page) == []
    assert page.errors == []


def test_self_check_gaps_and_their_learn_links_fit_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = open_page(context, site_url + "career/#self-assessment")
    page.select_option("#self-check-target", "senior")
    page.check("#rate-python-awareness")
    page.check("#rate-mlops-awareness")
    rows = page.locator(".self-check__gaps tbody tr")
    # the gaps come first, each with its learn link inside the phone's width
    assert rows.nth(0).locator("th").inner_text() in {"Python", "MLOps"}
    for link in page.locator(".self-check__gaps a[href$='#learn']").all():
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.querySelector('.self-check__gaps').getBoundingClientRect().right") <= 390
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    context.close()


def test_self_check_share_link_round_trip_and_clear(context, browser, site_url):
    page = open_page(context, site_url + "career/")
    page.select_option("#self-check-target", "staff")
    page.check("#rate-mlops-working")
    page.check("#rate-cpp-practitioner")
    page.click("[data-action=share]")
    expect(page.locator(".self-check__status")).to_contain_text("Share link copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert urlsplit(link).fragment.startswith("self-check:")
    # A different browser profile (no saved ratings) opens the link and sees the same ratings.
    other = browser.new_context()
    fresh = open_page(other, link.replace(urlsplit(link).netloc, urlsplit(site_url).netloc))
    assert ratings(fresh) == {"mlops": "working", "cpp": "practitioner"}
    assert fresh.input_value("#self-check-target") == "staff"
    assert fresh.errors == []
    other.close()
    # Clear forgets them here, also after a reload.
    page.click("[data-action=clear]")
    assert ratings(page) == {}
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    reload(page)
    assert ratings(page) == {}
    assert page.errors == []


@pytest.mark.parametrize("fragment, kept, noted", [
    ("self-check:target=boss&python=guru&nosuchskill=expert&sql=working", {"sql": "working"},
     ["target", "nosuchskill", "Python level"]),
    ("self-check:%E0%A4%A", {}, ["damaged"]),
    ("self-check:__proto__=expert&constructor=x&=&&&", {}, ["__proto__", "constructor"]),
    ("self-check:" + "a=b&" * 500, {}, ["unknown skill"]),
])
def test_self_check_ignores_a_tampered_link_with_a_visible_note(context, site_url, fragment, kept, noted):
    page = open_page(context, site_url + "career/#" + fragment)
    assert ratings(page) == kept
    note = page.locator(".self-check__status").inner_text()
    for word in noted:
        assert word in note, note
    assert page.errors == []


def test_self_check_works_with_the_keyboard_alone(context, site_url):
    page = open_page(context, site_url + "career/")
    page.focus("#self-check-target")
    page.keyboard.press("ArrowDown")  # mid-level
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rate-python-awareness"
    page.keyboard.press("ArrowRight")  # moves to and selects "working"
    assert ratings(page) == {"python": "working"}
    assert "Mid-level" in page.locator(".self-check__result").inner_text()


# Stands in for the print dialog: records, at the moment the page asks to print, the print state
# and what a printout would show (the test emulates print media first).
STUB_PRINT = """
window.__printed = [];
window.print = () => {
  const shown = (selector) => {
    const el = document.querySelector(selector), box = el && el.getBoundingClientRect();
    return !!el && box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  window.__printed.push({printClass: document.body.classList.contains("print-self-check"),
                         title: shown("article h1"), result: shown("#self-check-form .self-check__result"),
                         actions: shown(".self-check__actions")});
};
"""


def test_self_check_prints_as_a_summary_only(context, site_url):
    context.add_init_script(STUB_PRINT)
    page = open_page(context, site_url + "career/")
    page.check("#rate-python-working")
    page.emulate_media(media="print")
    assert page.evaluate("window.__printed") == []  # the stub is in place: no real print dialog
    page.get_by_role("button", name="Print summary").click()
    printed = page.evaluate("window.__printed")
    assert printed == [{"printClass": True, "title": False, "result": True, "actions": False}], printed
    assert page.evaluate("document.body.classList.contains('print-self-check')") is False  # reset after
    assert page.errors == []


def test_self_check_without_javascript_is_a_full_static_form_with_level_hints(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "career/")
    groups = page.locator("#self-check-form fieldset.self-check__skill")
    assert groups.locator("legend").all_inner_texts() == [skill.name for skill in DATA.skills]
    for skill, group in zip(DATA.skills, groups.all()):
        assert group.locator("label.self-check__level").all_inner_texts() == [lv.name for lv in DATA.levels]
        # closed by default, so read the text itself (inner_text of a closed <details> is empty)
        hints = [" ".join(t.split()) for t in group.locator("details.self-check__hints dd").all_text_contents()]
        assert hints == [b for lv in DATA.levels for b in skill.behaviours.get(lv.id, [])], skill.slug
    assert page.locator(".self-check__actions").is_hidden()
    # on a phone the form fits: nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


# ---- job-posting builder ----------------------------------------------------------------

def test_builder_writes_a_posting_whose_links_all_resolve(context, site_url, site_dir):
    page = open_page(context, site_url + "hiring/#job-posting")
    for value in ("python", "sql", "mlops", "deployment", "monitoring"):
        page.check(f"#posting-builder-form input[value={value}]")
    page.select_option("#builder-level", "senior")
    page.fill("#builder-title", "ML engineer, <b>search</b>\nranking")
    markdown = page.input_value("#builder-markdown")
    text = page.input_value("#builder-text")
    assert markdown.startswith("## ML engineer, <b>search</b> ranking (Senior)")
    assert "[Python](" in markdown and "practitioner level" in markdown
    urls = [word.strip("()[]") for word in (markdown + " " + text).replace("](", " ").split()
            if word.strip("()[]").startswith("http")]
    assert len(urls) >= 10
    assert unresolved(site_dir, sorted(set(site_paths(urls)))) == []
    # each required skill links to the section of its exact level (senior: Python practitioner)
    level_links = sorted({u for u in site_paths(urls) if "#level-" in u})
    assert level_links == ["/skills/mlops/#level-" + DATA.skill("mlops").expected["senior"],
                           "/skills/python/#level-" + DATA.skill("python").expected["senior"],
                           "/skills/sql/#level-" + DATA.skill("sql").expected["senior"]], level_links
    # a jump from the first fields to the output, which on a phone is screens further down
    assert page.get_attribute(".builder__jump a", "href") == "#builder-output"
    assert page.locator(".builder__jump").is_visible() and page.locator("#builder-output").is_visible()
    assert page.locator("#builder-output a[href='#posting-builder-form']").inner_text() == "Back to the form"
    page.click("[data-copy=builder-markdown]")
    expect(page.locator(".builder__status")).to_have_text("Markdown copied to the clipboard.")
    # the confirmation sits just below the button pressed, where the reader is looking
    assert page.evaluate("document.querySelector('[data-copy=builder-markdown]').parentNode"
                         ".nextElementSibling.classList.contains('builder__status')")
    assert page.evaluate("navigator.clipboard.readText()") == markdown
    assert axe_violations(page) == []
    assert page.errors == []


def test_builder_fills_the_problem_stack_on_call_and_pay_slots_in_both_outputs(context, site_url, site_dir):
    page = open_page(context, site_url + "hiring/")
    page.fill("#builder-problem", "Rank search results for shoppers.")
    page.fill("#builder-stack", "Python, PyTorch, BigQuery")
    page.fill("#builder-oncall", "One week in six, for the ranking service")
    page.fill("#builder-pay-min", "150,000")
    page.fill("#builder-pay-max", "190000")
    page.select_option("#builder-pay-currency", "EUR")
    markdown, text = page.input_value("#builder-markdown"), page.input_value("#builder-text")
    for heading, value in [("The problem", "Rank search results for shoppers."), ("The stack", "Python, PyTorch, BigQuery"),
                           ("On-call", "One week in six, for the ranking service"), ("Pay", "€150,000 to €190,000 a year (EUR)")]:
        assert f"### {heading}\n\n{value}\n" in markdown, heading
        assert f"{heading}:\n\n{value}\n" in text, heading
    expect(page.locator(".builder__pay-note")).to_have_text("")

    # bad input: a message beside the fields, what was typed stays, no range goes into the posting
    page.fill("#builder-pay-max", "120k")
    expect(page.locator(".builder__pay-note")).to_contain_text("as a number")
    assert page.input_value("#builder-pay-max") == "120k"
    assert page.get_attribute("#builder-pay-max", "aria-invalid") == "true"
    assert page.get_attribute("#builder-pay-min", "aria-invalid") is None
    assert "€150,000" not in page.input_value("#builder-markdown")
    page.fill("#builder-pay-max", "100000")
    expect(page.locator(".builder__pay-note")).to_contain_text("below the bottom")
    page.fill("#builder-pay-max", "")
    expect(page.locator(".builder__pay-note")).to_contain_text("both ends")

    # no range: the slot points to the rules, and that link works
    page.fill("#builder-pay-min", "")
    expect(page.locator(".builder__pay-note")).to_have_text("")
    assert page.get_attribute("#builder-pay-max", "aria-invalid") is None
    markdown = page.input_value("#builder-markdown")
    assert "(state the pay range" in markdown and "(describe the problem" not in markdown
    link = markdown.split("see [where](")[1].split(")")[0]
    assert unresolved(site_dir, site_paths([link])) == []
    assert page.errors == []


def test_builder_starts_at_the_level_the_page_advises(context, site_url):
    page = open_page(context, site_url + "hiring/")
    assert page.input_value("#builder-level") == DATA.skills_file.builder_default_stage == "mid"
    page.check("#posting-builder-form input[value=sql]")
    assert "(Mid-level)" in page.input_value("#builder-markdown").splitlines()[0]


def test_builder_works_with_the_keyboard_alone(context, site_url):
    page = open_page(context, site_url + "hiring/")
    page.focus("#builder-level")
    page.keyboard.press("Tab")  # the jump to the posting, then the first skill checkbox
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#builder-output"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert "[Python](" in page.input_value("#builder-markdown")
    page.focus("[data-copy=builder-text]")
    page.keyboard.press("Enter")
    expect(page.locator(".builder__status")).to_have_text("Plain text copied to the clipboard.")


def test_tools_are_small_and_loaded_only_where_used(site_dir):
    for name, page in (("self-check", "career"), ("posting-builder", "hiring")):
        script = site_dir / f"assets/tools/{name}.js"
        assert len(gzip.compress(script.read_bytes(), 9)) < 4 * 1024
        users = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                 if f"assets/tools/{name}.js" in p.read_text(encoding="utf-8")]
        assert users == [f"{page}/index.html"]


# ---- interview answers: closed on screen, open in print ---------------------------------------

def test_interview_answers_are_closed_on_screen_and_open_when_printed(context, site_url):
    page = open_page(context, site_url + "skills/sql/#interview")
    answers = page.locator("#interview ~ details")
    assert answers.count() >= 6
    is_open = "els => els.map(e => e.open)"
    assert set(answers.evaluate_all(is_open)) == {False}
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what the browser sends first
    expect(answers.first).to_have_attribute("open", "")
    assert set(answers.evaluate_all(is_open)) == {True}
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(answers.first).not_to_have_attribute("open", "")
    assert page.errors == []


# ---- nothing a reader saved is lost ---------------------------------------------------------

MINE = {"target": "senior", "ratings": {"python": "expert", "sql": "expert"}}
FRIEND = "self-check:target=junior&sql=awareness"


def saved_state(page):
    return json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") or "null")


def open_with_saved_ratings(context, site_url, fragment):
    """A reader who has rated themselves earlier opens a link (a fresh tab, same browser)."""
    first = open_page(context, site_url + "career/")
    first.evaluate(f"localStorage.setItem('{STORAGE_KEY}', JSON.stringify({json.dumps(MINE)}))")
    first.close()
    return open_page(context, site_url + "career/#" + fragment)


def test_a_shared_link_never_overwrites_saved_ratings_and_stays_in_the_address_bar(context, site_url):
    page = open_with_saved_ratings(context, site_url, FRIEND)
    assert ratings(page) == {"sql": "awareness"}                  # the friend's ratings are shown
    assert saved_state(page) == MINE                               # and yours are untouched
    expect(page.locator(".self-check__choice")).to_be_visible()
    page.check("#rate-cpp-working")                                # editing while looking saves nothing
    assert saved_state(page) == MINE
    page.mouse.wheel(0, 6000)                                      # scrolling keeps the link to share
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("location.hash").startswith("#" + FRIEND)
    page.get_by_role("button", name="Keep my ratings").click()
    assert ratings(page) == MINE["ratings"] and saved_state(page) == MINE
    expect(page.locator(".self-check__status")).to_contain_text("Kept your ratings")
    assert page.locator(".self-check__choice").count() == 0
    assert page.errors == []


def test_using_the_shared_ratings_can_be_undone(context, site_url):
    page = open_with_saved_ratings(context, site_url, FRIEND)
    page.get_by_role("button", name="Compare").click()
    rows = page.locator(".self-check__choice tbody tr").all_inner_texts()
    assert [" ".join(r.split()) for r in rows] == ["Python Expert not rated", "SQL Expert Awareness"]
    page.get_by_role("button", name="Use the shared ratings").click()
    assert saved_state(page) == {"target": "junior", "ratings": {"sql": "awareness"}}
    page.get_by_role("button", name="Undo").click()
    assert saved_state(page) == MINE and ratings(page) == MINE["ratings"]
    expect(page.locator(".self-check__status")).to_contain_text("Restored your previous ratings")
    assert page.errors == []


def test_a_damaged_link_leaves_saved_ratings_alone(context, site_url):
    page = open_with_saved_ratings(context, site_url, "self-check:%E0%A4%A")
    assert saved_state(page) == MINE
    assert "damaged" in page.locator(".self-check__status").inner_text()
    assert page.errors == []


def test_the_system_share_sheet_is_offered_where_the_browser_has_one(browser, site_url):
    context = browser.new_context()
    context.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page = open_page(context, site_url + "career/")
    page.check("#rate-python-working")
    page.get_by_role("button", name="Share…").click()
    expect(page.locator(".self-check__status")).to_have_text("Shared.")
    assert "#self-check:" in page.evaluate("window.__shared.url")
    context.close()
    plain = browser.new_context()  # a browser without a share sheet: the button stays hidden
    plain.add_init_script("delete Navigator.prototype.share;")
    other = open_page(plain, site_url + "career/")
    assert other.locator("[data-action=native-share]").is_hidden()
    plain.close()


def test_a_page_printed_from_the_browser_writes_out_link_addresses(context, site_url):
    page = open_page(context, site_url + "skills/sql/")
    page.emulate_media(media="print")
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('article a[href^="https://"]'), '::after').content""")
    assert after.startswith('" (https://'), after
    assert page.locator("header.md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
