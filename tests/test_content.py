"""The handbook's content keeps its promises: published URLs, skill pages, sourced figures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from content_rules import headings_without_explicit_id, prose_words, typed_figures
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
    assert unresolved(site_dir, ["/no-such-page/", "/salary/#no-such-id"]) == [
        "/no-such-page/: no page and no redirect at /no-such-page/",
        "/salary/#no-such-id: no id 'no-such-id' on /salary/",
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
    text = re.sub(r"\s+", " ", BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text())
    for alias in skill.aliases:
        assert alias in text, f"{skill.slug}: other spelling {alias!r} not on the page"
    if skill.kind == "hard":
        assert f"/skills/{skill.slug}/#why" in published_urls()


def test_skill_pages_are_in_the_nav_and_published_list():
    nav = [page.src for page in site_config.nav_pages()]
    for skill in HANDBOOK.skills:
        assert f"skills/{skill.slug}.md" in nav
        assert f"/skills/{skill.slug}/" in published_urls()


# ---- figures --------------------------------------------------------------------------------

def test_every_figure_appears_on_the_salary_page_as_the_data_says(site_dir):
    text = BeautifulSoup(page_file(site_dir, "/salary/").read_text(encoding="utf-8"), "html.parser").get_text(" ")
    text = re.sub(r"\s+", " ", text)
    missing = [f"{fig.id}: {format_value(fig)}" for fig in HANDBOOK.figures.values()
               if format_value(fig) not in text]
    assert missing == [], "figures not shown on /salary/:\n" + "\n".join(missing)


def test_no_page_types_a_figure_into_prose():
    problems = [f"{p.relative_to(DOCS)} {problem}" for p in PAGES
                for problem in typed_figures(p.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems)


def test_typed_figure_check_reports_planted_figures():
    markdown = "---\ntitle: x\n---\nPay is $140,910 and growth 20% a year.\n\n```\n$5 in code is fine\n```\n"
    assert len(typed_figures(markdown)) == 2
    assert typed_figures('Use {{ fact("research-scientists-median") }} instead.\n') == []


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
    total, thin = 0, []
    for path in PAGES:
        url = page_url(path)
        words = prose_words(page_file(site_dir, url).read_text(encoding="utf-8"))
        total += words
        is_skill = url.startswith("/skills/") and url != "/skills/"
        minimum = 0 if url == "/glossary/" else 450 if is_skill else 250
        if words < minimum:
            thin.append(f"{url}: {words} words of prose (needs {minimum})")
    assert thin == [], "\n".join(thin)
    assert total >= 12_000, f"the site has {total} words of prose (needs 12,000)"


def test_glossary_and_faq_are_substantial(site_dir):
    glossary = BeautifulSoup(page_file(site_dir, "/glossary/").read_text(encoding="utf-8"), "html.parser")
    assert len(glossary.select("article h3[id]")) >= 40
    faq = BeautifulSoup(page_file(site_dir, "/faq/").read_text(encoding="utf-8"), "html.parser")
    assert len(faq.select("article h2[id]")) >= 12


def test_study_path_keeps_the_original_order(site_dir):
    html = page_file(site_dir, "/become/").read_text(encoding="utf-8")
    order = [f"stage-{slug}" for slug in HANDBOOK.skills_file.study_path]
    positions = [html.find(f'id="{stage}"') for stage in order]
    assert -1 not in positions, dict(zip(order, positions))
    assert positions == sorted(positions), "the study path is out of order"


def test_responsibilities_follow_the_data_file(site_dir):
    html = page_file(site_dir, "/responsibilities/").read_text(encoding="utf-8")
    positions = [html.find(f'id="{r.id}"') for r in HANDBOOK.responsibilities]
    assert -1 not in positions and positions == sorted(positions)
