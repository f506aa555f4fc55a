"""Search finds a skill the way people type it, survives odd input, works from a shared link, loads
its index only when the reader reaches for it, and leaves the generated blocks out of the index.

The engine is Material's own (lunr in a web worker) in real Chromium; see handbook/search.py.
"""

from __future__ import annotations

import ast
import gzip
import html as htmllib
import json
import re
from functools import cache

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import VISIT_SETTINGS
from content_rules import prose_words
from handbook import DOCS, model, site_config
from handbook.blocks import Blocks, Page, url_of
from handbook.browser import MISSING_PAGE, TEMPLATES, open_page, site_pages
from handbook.search import (
    INDEX_URL,
    SKILL_QUERIES,
    SKILLS,
    TOPIC_QUERIES,
    open_search,
    result_paths,
    search,
    shared_link_answered,
    watch_search,
)

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


# The index holds the pages' text, so it grows with what the handbook says; what must not happen
# is text the reader never reads (generated link lists, form labels, citations) or markup bloating
# it. Measured 27 November 2026: 2.6 gzipped bytes per word of prose (165 KiB for 64,000 words;
# tables and code are indexed too). It loads only when a reader opens search.
INDEX_BYTES_PER_PROSE_WORD = 3.0
INDEX_CEILING = 250 * 1024  # about a second on a slow 4G connection: past this, split the index


def test_index_stays_proportional_to_the_text_and_under_its_ceiling(site_dir):
    gz = len(gzip.compress((site_dir / "search/search_index.json").read_bytes(), 9))
    pages = [p.read_text(encoding="utf-8") for p in site_dir.rglob("index.html")]
    words = sum(prose_words(html) for html in pages if "md-content__inner" in html)  # not redirect stubs
    assert gz < INDEX_CEILING, f"search index {gz // 1024} KiB gzipped"
    assert gz / words < INDEX_BYTES_PER_PROSE_WORD, f"{gz / words:.2f} bytes per word of prose"


# ---- generated blocks marked data-search-exclude stay out of the index --------------------------

MACRO_CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
EXTENSIONS = ["md_in_html", "attr_list", "tables", "def_list", "admonition", "footnotes", "fenced_code"]
# The smallest blocks of text in an excluded element: each is looked for in the index on its own.
TEXT_BLOCKS = "li, tr, p, pre, caption, figcaption, dt, dd, label, legend, h2, h3, h4, title, desc"


@cache
def rendered_page(src: str) -> str:
    """docs/<src> as HTML, its macros expanded by the blocks (as mkdocs-macros does) and the Markdown
    rendered with the extensions that shape text (md_in_html turns `markdown="1"` blocks into HTML)."""
    text = FRONT_MATTER.sub("", (DOCS / src).read_text(encoding="utf-8"))
    blocks = Blocks(model.load(), Page(src=src, url=url_of(src), site_url=site_config.site_url()))
    text = MACRO_CALL.sub(lambda m: getattr(blocks, m.group(1))(*ast.literal_eval(f"[{m.group(2)}]")), text)
    return markdown.markdown(text, extensions=EXTENSIONS)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def excluded_and_kept(page_html: str) -> tuple[list[str], str]:
    """The text of each smallest block inside elements marked data-search-exclude, and the text of
    the rest of the page (squeezed)."""
    soup = BeautifulSoup(page_html, "lxml")
    excluded = []
    for element in soup.select("[data-search-exclude]"):
        parts = [el for el in element.select(TEXT_BLOCKS) if not el.select(TEXT_BLOCKS)] or [element]
        excluded += [" ".join(el.get_text(" ").split()) for el in parts]
    for element in soup.select("[data-search-exclude]"):
        element.decompose()
    return [t for t in dict.fromkeys(excluded) if t], squeeze(soup.get_text(" "))


def indexed_text(index: dict, url: str) -> str:
    """Everything the index holds for the page at `url` (all its sections), tags and spaces removed."""
    docs = [d for d in index["docs"] if d["location"].partition("#")[0] == url]
    return squeeze(htmllib.unescape(re.sub(r"<[^>]+>", " ", " ".join(d["title"] + " " + d["text"] for d in docs))))


def leaked(index: dict, url: str, page_html: str) -> list[str]:
    """Text the page marks data-search-exclude that the index holds for it anyway (text the page also
    shows outside the excluded blocks may rightly be in the index)."""
    excluded, kept = excluded_and_kept(page_html)
    held = indexed_text(index, url)
    return [f"/{url}: {text!r}" for text in excluded if squeeze(text) in held and squeeze(text) not in kept]


def sources_with_excluded_blocks() -> list[str]:
    sources = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                     if "data" not in p.relative_to(DOCS).parts and MACRO_CALL.search(p.read_text(encoding="utf-8")))
    return [src for src in sources if "data-search-exclude" in rendered_page(src)]


EXCLUDING_PAGES = sources_with_excluded_blocks()


def test_the_generated_blocks_that_search_must_skip_are_found():
    # the link kit, the skills matrix (twice), the tools' forms, the cited figures, the sources
    found = set(EXCLUDING_PAGES)
    assert {"hiring.md", "career.md", "skills/index.md", "salary.md", "about.md", "faq.md"} <= found


@pytest.mark.parametrize("src", EXCLUDING_PAGES)
def test_text_marked_data_search_exclude_is_not_in_the_index(index, src):
    problems = leaked(index, url_of(src), rendered_page(src))
    assert problems == [], "\n".join(problems)


def test_exclusion_check_reports_indexed_text_marked_as_excluded(index):
    """The planted fault: the page's first paragraph, which the index holds, marked as excluded."""
    page = rendered_page("about.md")
    assert leaked(index, "about/", page) == []
    first = BeautifulSoup(page, "lxml").p
    planted = page.replace(str(first), str(first).replace("<p>", "<p data-search-exclude>", 1), 1)
    assert leaked(index, "about/", planted) == [f"/about/: {' '.join(first.get_text(' ').split())!r}"]


# ---- in Chromium ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and page.errors.append(f"console: {m.text}"))
    watch_search(page)
    open_page(page, site_url)
    open_search(page)
    yield page
    context.close()


@pytest.mark.browser
def test_every_skill_spelling_finds_its_page_first(search_page):
    misses = []
    for query, expected in SKILL_QUERIES:
        results = search(search_page, query, keystrokes=False)  # the final ranking; typing: below
        if not results or results[0] != expected:
            misses.append(f"{query!r}: {results[:3]} (want {expected} first)")
    assert misses == [], "\n".join(misses)
    assert len(SKILL_QUERIES) >= 50


@pytest.mark.browser
def test_topics_find_their_page_in_the_top_three(search_page):
    assert len(TOPIC_QUERIES) >= 20
    misses = []
    for query, expected in TOPIC_QUERIES:
        results = search(search_page, query, keystrokes=False)
        if expected not in results[:3]:
            misses.append(f"{query!r}: {results[:3]} (want {expected})")
    assert misses == [], "\n".join(misses)


@pytest.mark.browser
def test_odd_input_never_breaks_search(search_page):
    for query in ODD_INPUTS:
        search(search_page, query, keystrokes=len(query) <= 30)  # 300 x's: one query, not 300
        assert search_page.errors == [], f"after {query!r}: {search_page.errors}"
        assert search(search_page, "SQL")[0] == "/skills/sql/", f"search broken after {query!r}"


@pytest.mark.browser
def test_shared_search_link_opens_results_from_every_template(page, site_url, site_dir):
    # One page per template, at every folder depth the site has (the index loads from a relative
    # address), and a missing page (served by 404.html): every page shares one of these.
    paths = [p.lstrip("/") for p in TEMPLATES.values() if p != "/404.html"] + [MISSING_PAGE]
    depths = {p.count("/") for p in site_pages(site_dir) if p != MISSING_PAGE}
    assert depths <= {p.count("/") for p in paths}, "a folder depth has no page in TEMPLATES"
    failed = []  # any asset that fails to load; the missing page itself is expected to be a 404
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
            and failed.append(f"{r.status} {r.url}"))
    watch_search(page)
    for path in paths:
        page.goto(f"{site_url}{path}?q=SQL", wait_until="load")
        shared_link_answered(page)
        assert page.locator(".md-search__input").input_value() == "SQL", path
        assert result_paths(page)[:1] == ["/skills/sql/"], f"{path}?q=SQL: {result_paths(page)[:3]}"
    assert failed == []
    # Chromium logs the 404 status of the missing page itself as a console error: that one is expected.
    errors = [e for e in page.errors if "status of 404" not in e]
    assert errors == [], "\n".join(errors)


@pytest.mark.browser
@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_no_page_loads_the_search_index_before_the_reader_opens_search(page_visits, width, scheme):
    early = [f"/{v.path}" for v in page_visits.get(width, scheme)
             for r in v.requests if r.url.endswith("/search/search_index.json")]
    assert early == [], "the search index loaded without the reader opening search: " + ", ".join(early)


@pytest.mark.browser
def test_opening_search_loads_the_index(page, site_url):
    """The other half, which also proves the recorder sees the index request when it happens."""
    requested = []
    page.on("request", lambda r: r.url.endswith("/search/search_index.json") and requested.append(r.url))
    watch_search(page)
    open_page(page, site_url + "skills/sql/")
    assert requested == []
    with page.expect_request(INDEX_URL):
        open_search(page)
    assert requested == [site_url + "search/search_index.json"]
    assert search(page, "python")[0] == "/skills/python/"
