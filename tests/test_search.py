"""Search finds a skill the way people type it, survives odd input, and works from a shared link.

The engine is Material's own (lunr in a web worker) in real Chromium; see search_helpers.py.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest

from handbook import model
from search_helpers import open_search, result_paths, search, watch_search
from test_link_previews import content_pages

SKILLS = model.load().skills


def spellings(skill):
    names = [skill.name, *skill.aliases]
    return list(dict.fromkeys(names + [n.lower() for n in names]))


SKILL_QUERIES = [(q, f"/skills/{s.slug}/") for s in SKILLS for q in spellings(s)]
# Topics named on a page: the skill pages' from the data file, plus the other pages' main topics.
TOPIC_QUERIES = [(t, f"/skills/{s.slug}/") for s in SKILLS for t in s.topics] + [
    ("salary", "/salary/"), ("San Francisco", "/salary/"), ("job boards", "/become/"),
    ("portfolio", "/become/"), ("degree", "/become/"), ("Glassdoor", "/become/"),
    ("data scientist", "/compare/data-scientist/"), ("AI engineer", "/compare/"),
    ("data engineer", "/compare/"), ("self-assessment", "/career/"), ("job posting", "/hiring/"),
    ("link kit", "/hiring/"), ("distribution shift", "/responsibilities/"),
]
ODD_INPUTS = ["*", "~", "^", ":", "+", "-", "+-", "~1", "title:", "a:b:c", '"', '""', '"unclosed',
              "<script>alert(1)</script>", "&lt;b&gt;", "\\", "C++ -", "x" * 300,
              "機械学習エンジニア", "инженер машинного обучения", "مهندس", "🙂"]


# ---- browser-free: the configuration in the built index ------------------------------------

@pytest.fixture(scope="module")
def index(site_dir):
    return json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))


def tokens(separator: str, text: str) -> list[str]:
    return [t.lower() for t in re.split(separator, text) if t]


def test_separator_keeps_symbol_tokens_and_camel_case_whole(index):
    separator = index["config"]["separator"]
    assert tokens(separator, "C++, C# and .NET (Node.js)") == ["c++", "c#", "and", "net", "node", "js"]
    assert tokens(separator, "PyTorch scikit-learn v2.0") == ["pytorch", "scikit", "learn", "v2.0"]
    assert tokens(separator, "a &lt;b&gt; c") == ["a", "b", "c"]


def test_pipeline_has_no_trimmer_or_stemmer(index):
    # trimmer: "c++" -> "c"; stemmer: indexes "statist" while the as-you-type query is "statistics*"
    assert index["config"]["pipeline"] == ["stopWordFilter"]


def test_skill_pages_carry_their_spellings_as_search_keywords(index):
    tags = {doc["location"]: doc.get("tags", []) for doc in index["docs"]}
    for skill in SKILLS:
        assert skill.name in tags[f"skills/{skill.slug}/"] or skill.slug == "mlops"


def test_index_stays_small(site_dir):
    raw = (site_dir / "search/search_index.json").read_bytes()
    assert len(gzip.compress(raw, 9)) < 120 * 1024


# ---- in Chromium ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and page.errors.append(f"console: {m.text}"))
    watch_search(page)
    page.goto(site_url, wait_until="networkidle")
    open_search(page)
    yield page
    context.close()


@pytest.mark.browser
def test_every_skill_spelling_finds_its_page_first(search_page):
    misses = []
    for query, expected in SKILL_QUERIES:
        results = search(search_page, query)
        if not results or results[0] != expected:
            misses.append(f"{query!r}: {results[:3]} (want {expected} first)")
    assert misses == [], "\n".join(misses)
    assert len(SKILL_QUERIES) >= 50


@pytest.mark.browser
def test_topics_find_their_page_in_the_top_three(search_page):
    assert len(TOPIC_QUERIES) >= 20
    misses = []
    for query, expected in TOPIC_QUERIES:
        results = search(search_page, query)
        if expected not in results[:3]:
            misses.append(f"{query!r}: {results[:3]} (want {expected})")
    assert misses == [], "\n".join(misses)


@pytest.mark.browser
def test_odd_input_never_breaks_search(search_page):
    for query in ODD_INPUTS:
        search(search_page, query)
        assert search_page.errors == [], f"after {query!r}: {search_page.errors}"
        assert search(search_page, "SQL")[0] == "/skills/sql/", f"search broken after {query!r}"


@pytest.mark.browser
def test_shared_search_link_opens_results_from_every_page(page, site_url, site_dir):
    paths = sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html")
                   for p in content_pages(site_dir))
    paths.append("no-such-page/")  # served by 404.html
    failed = []  # any asset that fails to load; the missing page itself is expected to be a 404
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
            and failed.append(f"{r.status} {r.url}"))
    watch_search(page)
    for path in paths:
        page.goto(f"{site_url}{path}?q=SQL", wait_until="networkidle")
        page.wait_for_function("() => window.__search && window.__search.received > 0")
        assert page.locator(".md-search__input").input_value() == "SQL", path
        assert result_paths(page)[:1] == ["/skills/sql/"], f"{path}?q=SQL: {result_paths(page)[:3]}"
    assert failed == []
    # Chromium logs the 404 status of the missing page itself as a console error: that one is expected.
    errors = [e for e in page.errors if "status of 404" not in e]
    assert errors == [], "\n".join(errors)
