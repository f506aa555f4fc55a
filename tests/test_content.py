"""The handbook's content keeps its promises: published URLs, skill pages, sourced figures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from content_rules import (
    article_words,
    citation_problems,
    headings_without_explicit_id,
    interview_problems,
    level_problems,
    pay_wording_problems,
    prose_words,
    typed_figures,
)
from handbook import model, site_config
from handbook.blocks import format_value, front_matter
from url_contract import HistoryMissing, committed_versions, ids_on, page_file, removed_lines, unresolved

DOCS = ROOT / "docs"
DATA = DOCS / "data"
PAGES = sorted(p for p in DOCS.rglob("*.md") if DATA not in p.parents)
HANDBOOK = model.load()


def published_urls() -> list[str]:
    lines = (ROOT / "tests" / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# ---- published URLs (see url_contract.py) ----------------------------------------------------

def test_every_published_url_and_id_resolves(site_dir):
    urls = published_urls()
    assert len(urls) >= 80
    assert unresolved(site_dir, urls) == []


def test_published_url_check_reports_a_missing_page_and_id(site_dir):
    assert unresolved(site_dir, ["/no-such-page/", "/salary/#no-such-id", "/data/no-such-file.csv"]) == [
        "/no-such-page/: no page and no redirect at /no-such-page/",
        "/salary/#no-such-id: no id 'no-such-id' on /salary/",
        "/data/no-such-file.csv: no file at /data/no-such-file.csv",
    ]


def test_removing_a_page_fails_unless_a_redirect_replaces_it(site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    shutil.rmtree(site / "faq")
    assert unresolved(site, ["/faq/"]) == ["/faq/: no page and no redirect at /faq/"]
    # A redirect (as mkdocs-redirects writes it) to a page that has the id makes it pass again.
    (site / "faq").mkdir()
    (site / "faq/index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../hiring/">', encoding="utf-8")
    assert unresolved(site, ["/faq/", "/faq/#interview"]) == []
    assert unresolved(site, ["/faq/#nowhere"]) == ["/faq/#nowhere: no id 'nowhere' on /hiring/"]


def test_configured_redirects_keep_old_addresses_and_anchors(site_dir):
    assert unresolved(site_dir, ["/salaries/#san-francisco", "/skills/data-visualisation/#learn"]) == []


def test_published_list_is_append_only():
    versions = committed_versions()
    assert versions, "tests/published-urls.txt has no committed version"
    current = (ROOT / "tests/published-urls.txt").read_text(encoding="utf-8")
    assert removed_lines(versions, current) == []


def test_append_only_check_fails_loudly_in_a_shallow_clone(tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    with pytest.raises(HistoryMissing, match="shallow clone"):
        committed_versions(clone)


def test_append_only_check_reports_a_line_a_commit_removed(tmp_path):
    """A clone whose history removes a line: the check names the line."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    listed = clone / "tests/published-urls.txt"
    lines = listed.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = next(line.strip() for line in lines if line.startswith("/faq/"))
    listed.write_text("".join(line for line in lines if line.strip() != removed), encoding="utf-8")
    git = ["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "commit", "-q", "-am", "drop a line"], check=True)
    versions = committed_versions(clone)
    assert removed_lines(versions, listed.read_text(encoding="utf-8")) == [removed]


def test_append_only_check_reports_a_removed_line():
    assert removed_lines(["/a/\n/b/#x\n"], "/a/\n/c/\n") == ["/b/#x"]


# ---- skills ---------------------------------------------------------------------------------

@pytest.mark.parametrize("skill", HANDBOOK.skills, ids=lambda s: s.slug)
def test_every_skill_has_its_page_ids_and_other_spellings(site_dir, skill):
    page = page_file(site_dir, f"/skills/{skill.slug}/")
    assert page.is_file(), f"no page for skill {skill.slug}"
    required = [s.id for s in skill.sections] or ["why", "levels", "learn", "interview"]
    missing = set(required) - ids_on(page.read_text(encoding="utf-8"))
    assert not missing, f"{skill.slug}: missing ids {sorted(missing)}"
    # no separator: <abbr>ML</abbr> Ops must read "ML Ops"
    text = re.sub(r"\s+", " ", BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text())
    for alias in skill.aliases:
        assert alias in text, f"{skill.slug}: other spelling {alias!r} not on the page"
    if skill.kind == "hard":
        assert f"/skills/{skill.slug}/#why" in published_urls()


HARD_SKILLS = [s for s in HANDBOOK.skills if s.kind == "hard"]
STAGE_NAMES = [st.name for st in HANDBOOK.stages]
LEVEL_IDS = [lv.id for lv in HANDBOOK.levels]


@pytest.mark.parametrize("skill", HARD_SKILLS, ids=lambda s: s.slug)
def test_skill_levels_show_the_behaviours_of_the_data_file(site_dir, skill):
    html = page_file(site_dir, f"/skills/{skill.slug}/").read_text(encoding="utf-8")
    assert level_problems(html, LEVEL_IDS, skill.behaviours) == []


@pytest.mark.parametrize("skill", HARD_SKILLS, ids=lambda s: s.slug)
def test_skill_interviews_have_six_answered_questions(site_dir, skill):
    html = page_file(site_dir, f"/skills/{skill.slug}/").read_text(encoding="utf-8")
    assert interview_problems(html, STAGE_NAMES) == []


def rendered(text: str) -> str:
    """Markdown as the site renders it (the extensions the checks depend on), in an article."""
    body = markdown.markdown(text, extensions=["attr_list", "pymdownx.details", "toc"])
    return f'<article class="md-content__inner">{body}</article>'


def question(n: int, stage="Junior", kind="concept", words=80, marker="???") -> str:
    answer = " ".join(["word"] * words)
    return (f"### Question {n} {{ #q-{n} }}\n\n**Suits:** {stage} · **Kind:** {kind}\n\n"
            f'{marker} success "What a strong answer covers"\n    {answer}\n\n')


GOOD_INTERVIEW = "## How interviews test it { #interview }\n\nIntro.\n\n" + "".join(
    question(n, stage, kind) for n, (stage, kind) in enumerate(
        [("Junior", "concept"), ("Mid-level", "debugging"), ("Senior", "design"),
         ("Junior", "coding"), ("Mid-level", "concept"), ("Senior", "debugging")], 1)) + "## Next { #next }\n"


def test_interview_check_accepts_the_house_format():
    assert interview_problems(rendered(GOOD_INTERVIEW), STAGE_NAMES) == []


@pytest.mark.parametrize("fault, expected", [
    (lambda t: t.replace(question(6, "Senior", "debugging"), ""), "5 questions (needs 6)"),
    (lambda t: t.replace(question(3, "Senior", "design"), question(3, "Senior", "concept")), "no design question"),
    (lambda t: t.replace(question(2, "Mid-level", "debugging"), question(2, "Mid-level", "debugging", words=20)),
     "answer has 20 words"),
    (lambda t: t.replace(question(2, "Mid-level", "debugging"), question(2, "Mid-level", "debugging", words=200)),
     "answer has 200 words"),
    (lambda t: t.replace(question(1, "Junior", "concept"), question(1, "Junior", "concept", marker="???+")),
     "must be closed by default"),
    (lambda t: t.replace(question(1, "Junior", "concept"), question(1, "Intern", "concept")), "stage 'Intern'"),
    (lambda t: t.replace("**Suits:** Senior · **Kind:** design", "Senior design"), "no 'Suits: stage"),
    (lambda t: t.replace("{ #q-4 }", "{ #four }"), "id must start with q-"),
    (lambda t: t.replace("What a strong answer covers", "Answer", 1), "summary must read"),
], ids=["too-few", "no-design", "short-answer", "long-answer", "open", "bad-stage", "no-meta", "bad-id",
        "bad-summary"])
def test_interview_check_reports_planted_faults(fault, expected):
    problems = interview_problems(rendered(fault(GOOD_INTERVIEW)), STAGE_NAMES)
    assert any(expected in p for p in problems), problems


def test_level_check_reports_a_missing_level_and_a_behaviour_the_data_lacks():
    behaviours = {lid: [f"Does {lid} thing {i}." for i in range(3)] for lid in LEVEL_IDS}
    text = "".join(f"### {lid} {{ #level-{lid} }}\n\n" + "".join(f"- {b}\n" for b in behaviours[lid]) + "\n"
                   for lid in LEVEL_IDS)
    assert level_problems(rendered(text), LEVEL_IDS, behaviours) == []
    planted = text.replace("- Does working thing 1.\n", "- Does something else.\n")
    assert level_problems(rendered(planted), LEVEL_IDS, behaviours) == [
        "#level-working shows 3 behaviours, the data has 3; not in the data: 'Does something else.'"]
    missing = text.split("### expert")[0]
    assert level_problems(rendered(missing), LEVEL_IDS, behaviours) == ["no #level-expert"]


def test_skill_pages_are_in_the_nav_and_published_list():
    nav = [page.src for page in site_config.nav_pages()]
    for skill in HANDBOOK.skills:
        assert f"skills/{skill.slug}.md" in nav
        assert f"/skills/{skill.slug}/" in published_urls()


# ---- figures --------------------------------------------------------------------------------

def test_every_figure_appears_on_the_salary_page_as_the_data_says(site_dir):
    text = BeautifulSoup(page_file(site_dir, "/salary/").read_text(encoding="utf-8"), "lxml").get_text(" ")
    text = re.sub(r"\s+", " ", text)
    missing = [f"{fig.id}: {format_value(fig)}" for fig in HANDBOOK.figures.values()
               if format_value(fig) not in text]
    assert missing == [], "figures not shown on /salary/:\n" + "\n".join(missing)


def test_pay_is_worded_and_cited_as_the_sources_allow(site_dir):
    problems = [f"{path.relative_to(site_dir)}: {problem}" for path in sorted(site_dir.rglob("*.html"))
                for html in [path.read_text(encoding="utf-8")]
                for problem in pay_wording_problems(html) + citation_problems(html)]
    assert problems == [], "\n".join(problems)
    salary = BeautifulSoup(page_file(site_dir, "/salary/").read_text(encoding="utf-8"), "lxml")
    assert all("checked" not in c.get_text() for c in salary.select(".fact-cite"))  # said once, in the note
    assert len(salary.find(id="sources").find_next("ul").find_all("li")) >= 5


def test_pay_checks_report_planted_faults():
    assert len(pay_wording_problems('<a href="https://www.bls.gov/oes/current/oes151252.htm">x</a>')) == 1
    assert len(pay_wording_problems("<p>BLS wages are the base pay of employees.</p>")) == 1
    assert len(pay_wording_problems("<p>That figure counts the base wages of employees.</p>")) == 1
    assert pay_wording_problems("<p>Offers split into base pay, bonus and stock.</p>") == []
    unlinked = '<p><span class="fact-cite">(2021 overview, 2021; checked 27 November 2026)</span></p>'
    assert citation_problems(unlinked) == ["'(2021 overview, 2021; checked 27 November 2026)': checked, but no address"]
    short = '<p><span class="fact-cite">(<a href="https://a.example/">A</a>, 2024)</span></p>'
    note = '<h2 id="sources">Sources</h2><ul><li><a href="https://b.example/">B</a></li></ul>'
    assert citation_problems(short + note) == ["https://a.example/: cited but not in the sources note"]
    assert citation_problems(short + note.replace("b.example", "a.example")) == []
    assert citation_problems(short) == ["'(A, 2024)': a short citation, but the page has no sources note"]


def test_no_page_types_a_figure_into_prose():
    problems = [f"{p.relative_to(DOCS)} {problem}" for p in PAGES
                for problem in typed_figures(p.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems)


def test_typed_figure_check_reports_planted_figures():
    markdown = "---\ntitle: x\n---\nPay is $140,910 and growth 20% a year.\n\n```\n$5 in code is fine\n```\n"
    assert len(typed_figures(markdown)) == 2
    assert typed_figures('Use {{ fact("research-scientists-median") }} instead.\n') == []
    # a market statistic typed into a paragraph about jobs; a dollar amount with no label
    assert len(typed_figures("Demand rose:\nML jobs are up 35% since 2019.\n")) == 1
    assert len(typed_figures("The API costs $2 per million tokens.\n")) == 1


def test_typed_figure_check_allows_numbers_of_technical_examples():
    assert typed_figures("Send 1% of traffic to the canary.\n\nThe GPU sits at 30% utilisation.\n") == []
    assert typed_figures("With illustrative prices of $1.00 per million input\ntokens, a request costs $0.0045.\n") == []


# ---- headings, front matter, length ---------------------------------------------------------

def test_every_heading_has_an_explicit_id():
    problems = [f"{p.relative_to(DOCS)} {problem}" for p in PAGES
                for problem in headings_without_explicit_id(p.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems)


def test_explicit_id_check_reports_a_planted_heading():
    assert headings_without_explicit_id("## C++ skills\n## Fine { #cpp }\n") == ["line 1: ## C++ skills"]


def test_descriptions_are_one_distinct_sentence_of_50_to_160_characters():
    seen = {}
    for path in PAGES:
        meta = front_matter(path)
        description = meta.get("description", "")
        assert 50 <= len(description) <= 160, f"{path.relative_to(DOCS)}: {len(description)} characters"
        assert description not in seen, f"{path.relative_to(DOCS)} repeats {seen.get(description)}"
        seen[description] = path
        assert meta.get("reviewed"), f"{path.relative_to(DOCS)}: no reviewed date"


def page_url(path: Path) -> str:
    rel = path.relative_to(DOCS).as_posix()
    rel = rel[: -len("index.md")] if rel.endswith("index.md") else rel[: -len(".md")] + "/"
    return "/" + rel


def test_no_page_is_a_stub(site_dir):
    total, size, thin = 0, 0, []
    hard_skill_pages = {f"/skills/{s.slug}/" for s in HARD_SKILLS}
    for path in PAGES:
        url = page_url(path)
        html = page_file(site_dir, url).read_text(encoding="utf-8")
        words = prose_words(html)
        total += words
        size += article_words(html)
        minimum = 0 if url == "/glossary/" else 1000 if url in hard_skill_pages else 250
        if words < minimum:
            thin.append(f"{url}: {words} words of prose (needs {minimum})")
    assert thin == [], "\n".join(thin)
    assert total >= 12_000, f"the site has {total} words of prose (needs 12,000)"
    # the 2026 edition's promise: at least 38,000 words of page text, tables included
    assert size >= 38_000, f"the site has {size} words of page text (needs 38,000)"


def test_glossary_and_faq_are_substantial(site_dir):
    glossary = BeautifulSoup(page_file(site_dir, "/glossary/").read_text(encoding="utf-8"), "lxml")
    assert len(glossary.select("article h3[id]")) >= 40
    faq = BeautifulSoup(page_file(site_dir, "/faq/").read_text(encoding="utf-8"), "lxml")
    assert len(faq.select("article h2[id]")) >= 12


def test_study_path_keeps_the_original_order(site_dir):
    html = page_file(site_dir, "/become/").read_text(encoding="utf-8")
    order = [f"stage-{slug}" for slug in HANDBOOK.skills_file.study_path]
    positions = [html.find(f'id="{stage}"') for stage in order]
    assert -1 not in positions, dict(zip(order, positions))
    assert positions == sorted(positions), "the study path is out of order"
    # the 2026 edition's sixth stage comes after the original five
    assert html.find('id="stage-foundation-models"') > positions[-1]


def test_responsibilities_follow_the_data_file(site_dir):
    html = page_file(site_dir, "/responsibilities/").read_text(encoding="utf-8")
    positions = [html.find(f'id="{r.id}"') for r in HANDBOOK.responsibilities]
    assert -1 not in positions and positions == sorted(positions)


def test_hiring_scorecard_lists_each_stage_s_expected_behaviours(site_dir):
    soup = BeautifulSoup(page_file(site_dir, "/hiring/scorecard/").read_text(encoding="utf-8"), "lxml")
    heading = soup.find(id="stages")
    tabs = heading.find_next("div", class_="tabbed-set")
    assert [label.get_text(strip=True) for label in tabs.select(".tabbed-labels label")] == STAGE_NAMES
    for stage, block in zip(HANDBOOK.stages, tabs.select(".tabbed-block")):
        items = block.select(":scope > ul > li")
        assert [" ".join(item.a.get_text().split()) for item in items] == [s.name for s in HANDBOOK.skills]
        for skill, item in zip(HANDBOOK.skills, items):
            level = skill.expected[stage.id]
            own_text = " ".join("".join(item.find_all(string=True, recursive=False)).split())  # outside links and lists
            assert own_text.startswith(f": {HANDBOOK.level_name(level).lower()} level"), (stage.id, skill.slug, own_text)
            assert own_text.endswith("Mark: yes / partly / no / not tested"), (stage.id, skill.slug, own_text)  # the panel's mark
            if skill.behaviours:
                shown = [" ".join(li.get_text().split()) for li in item.select(":scope > ul > li")]
                assert shown == skill.behaviours[level], (stage.id, skill.slug)
                assert item.a["href"].endswith(f"#level-{level}")


def test_home_page_opens_with_quick_facts_and_a_way_in_for_each_reader(site_dir):
    soup = BeautifulSoup(page_file(site_dir, "/").read_text(encoding="utf-8"), "lxml")
    facts = soup.select_one("article .quick-facts")
    assert facts.find_previous("h2") is None  # above every section: the first thing after the intro
    text = " ".join(facts.get_text(" ").split())
    assert text.startswith("Quick facts")
    assert [" ".join(dt.get_text().split()) for dt in facts.select("dt")] == [
        "The job", "Median pay", "Outlook", "Typical entry", "Learning order"]
    occ = HANDBOOK.occupation
    assert format_value(HANDBOOK.figure(occ.median_salary)) in text
    for label in ("The job", "Median pay", "Outlook", "Typical entry", "Learning order"):
        assert label in text, label
    cards = soup.select("article .grid.cards > ul > li")
    targets = [card.select("a")[-1]["href"] for card in cards]
    assert targets == ["become/#study-path", "hiring/", "career/#self-assessment", "skills/"]


def test_study_path_opens_with_a_numbered_roadmap_of_its_stages(site_dir):
    soup = BeautifulSoup(page_file(site_dir, "/become/").read_text(encoding="utf-8"), "lxml")
    steps = soup.select("article .roadmap ol > li")
    links = [li.a["href"] for li in steps]
    assert links == [f"#stage-{slug}" for slug in HANDBOOK.skills_file.study_path] + ["#stage-foundation-models"]
    assert all("Proves it:" in " ".join(li.get_text().split()) for li in steps)


def test_the_self_check_is_one_tap_from_the_top_of_the_career_page(site_dir):
    soup = BeautifulSoup(page_file(site_dir, "/career/").read_text(encoding="utf-8"), "lxml")
    first_heading = soup.select_one("article h2")
    button = soup.select_one('article a.md-button[href="#self-assessment"]')
    assert button is not None and button.find_next("h2") is first_heading  # before the first section
