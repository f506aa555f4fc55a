"""The print edition (scripts/pdf, handbook/pdf.py): one PDF of the whole handbook, made once from
the session's build and read back with pypdf. Every page in navigation order with its title in the
outline, text a reader can search and copy, links that work inside the PDF, interview answers
printed open, and nothing of the site's navigation or search. Two planted faults: a link to an id
the target page lacks stops the run, and the PDF checker reports links that point nowhere."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from handbook.blocks import format_date, url_of
from handbook.pdf import (
    PrintError,
    combined_html,
    pdf_text,
    slug_of,
    unresolved_links,
    write_pdf,
)
from handbook.site_config import load_config, nav_pages

pytestmark = pytest.mark.browser

# What only the site's frame prints: Material's sidebars and search (its placeholder "Search" is
# checked through the markup: a bare "Search" may be a heading), the header and footer, and the
# buttons of the two browser tools. None of it belongs on paper.
SITE_FRAME = ["Table of contents", "Skip to content", "Initializing search", "Type to start searching",
              "Back to top", "Made with", "Copy share link", "Print summary", "Copy Markdown",
              "Link to this section"]


def squash(text: str) -> str:
    """Text without whitespace: PDF text breaks lines where the page did, so compare without it."""
    return re.sub(r"\s+", "", text)


def article(site, src: str):
    """The article of a built page, as the site has it (only the article is parsed: faster)."""
    html = (site / url_of(src) / "index.html").read_text(encoding="utf-8")
    html = html[html.index('<article class="md-content__inner'):html.index("</article>") + 10]
    found = BeautifulSoup(html, "lxml").article
    for sign in found.select("a.headerlink"):
        sign.decompose()
    return found


@pytest.fixture(scope="module")
def edition(site_dir, browser, tmp_path_factory):
    """The print edition of the session's build, its combined HTML, and its text page by page."""
    out = tmp_path_factory.mktemp("print")
    result = write_pdf(site_dir, out / "handbook.pdf", html_path=out / "handbook.html", browser=browser)
    print(f"\nprint edition: {result.pages} pages, {result.size / 1024 / 1024:.1f} MiB, "
          f"{result.seconds:.1f} s")
    reader = PdfReader(result.path)
    return {"result": result, "reader": reader, "text": pdf_text(result.path),
            "html": (out / "handbook.html").read_text(encoding="utf-8")}


def outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def test_outline_holds_every_page_title_in_navigation_order(edition, site_dir):
    reader = edition["reader"]
    top_level = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    titles = [article(site_dir, page.src).h1.get_text(" ", strip=True) for page in nav_pages()]
    assert top_level[:2] == ["ML Engineer Handbook", "Contents"]
    assert top_level[2:] == titles, "the outline's top level is the cover, the contents, then every page"
    assert len(outline_titles(reader.outline)) > 10 * len(titles), "sections (h2, h3) are in the outline too"


def test_every_page_starts_a_new_pdf_page_in_navigation_order(edition):
    reader = edition["reader"]
    named = reader.named_destinations
    slugs = [slug_of(url_of(page.src)) for page in nav_pages()]
    missing = [s for s in slugs if "/" + s not in named]
    assert missing == [], f"no destination for pages {missing}"
    starts = [reader.get_destination_page_number(named["/" + s]) for s in slugs]
    assert starts[0] >= 2, "the cover and the contents come first"
    assert starts == sorted(set(starts)), "each page starts on its own PDF page, in navigation order"
    assert edition["result"].pages == len(reader.pages) > len(slugs) + 2


def test_the_cover_names_the_edition_and_licence(edition, site_dir):
    """Title, licence (mkdocs.yml's copyright) and the edition's date: the newest review date."""
    config = load_config()
    reviewed = max(time["datetime"] for page in nav_pages()
                   for time in article(site_dir, page.src).select(".page-reviewed time[datetime]"))
    cover = squash(edition["text"][0])
    assert squash("ML Engineer Handbook") in cover
    assert squash(config["copyright"]) in cover
    assert squash(f"Print edition of {format_date(reviewed)}") in cover, cover[:300]
    contents = squash(edition["text"][1])
    assert squash("Contents") in contents and squash("Mathematics and statistics") in contents


def test_page_text_is_extractable(edition, site_dir):
    """A sentence of the SQL page, read from the built page, is in the PDF's text."""
    first = " ".join(article(site_dir, "skills/sql.md").h1.find_next("p").get_text(" ").split())
    sentence = re.match(r".+?\.(?=\s|$)", first).group(0)
    assert len(sentence) > 60
    assert squash(sentence) in squash("".join(edition["text"]))


def test_interview_answers_print_open(edition, site_dir):
    """Every collapsed block of the site prints open: the start of each interview answer on the SQL
    page (the "What a strong answer covers" blocks) is in the PDF's text."""
    answers = [d for d in article(site_dir, "skills/sql.md").find_all("details")
               if "strong answer" in d.summary.get_text()]
    assert len(answers) >= 6
    text = squash("".join(edition["text"]))
    closed = []
    for answer in answers:
        answer.summary.decompose()
        words = answer.get_text(" ", strip=True).split()[:12]
        if squash(" ".join(words)) not in text:
            closed.append(" ".join(words))
    assert closed == [], f"answers missing from the PDF: {closed}"
    assert "<details" in edition["html"] and "<details>" not in edition["html"]
    assert len(re.findall(r"<details[^>]*\bopen\b", edition["html"])) == edition["html"].count("<details")


def test_links_resolve_inside_the_pdf(edition):
    reader = edition["reader"]
    assert unresolved_links(edition["result"].path) == []
    internal = external = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if "/Dest" in annotation or (action is not None and action.get_object().get("/S") == "/GoTo"):
                internal += 1
            elif action is not None and action.get_object().get("/S") == "/URI":
                uri = str(action.get_object()["/URI"])
                assert uri.startswith(("https://", "mailto:")), f"not an absolute public link: {uri}"
                external += 1
    assert internal > 5 * len(nav_pages()), "links between pages (and the contents) work in the PDF"
    assert external > 50, "external links stay absolute"


def test_no_site_navigation_search_or_buttons(edition):
    text = squash("".join(edition["text"]))
    found = [words for words in SITE_FRAME if squash(words) in text]
    assert found == [], f"the site's frame printed: {found}"
    html = edition["html"].split("</style>", 1)[1]   # the document, not its print stylesheet
    for markup in ("<script", "<form", "<button", "<textarea", 'class="headerlink"', "placeholder=",
                   "md-search", "md-sidebar", "md-header", "md-footer"):
        assert markup not in html, f"{markup} in the combined HTML"
    notes = re.findall(r'<p class="print-note">([^<]*)', html)
    assert len(notes) == 2 and all("needs the web version" in n for n in notes), notes


def test_ids_are_unique_and_prefixed(edition):
    ids = re.findall(r'\sid="([^"]+)"', edition["html"])
    assert len(ids) == len(set(ids)), "every id is unique in the combined document"
    assert "skills-sql--levels" in ids and "skills-sql" in ids
    targets = set(re.findall(r'href="#([^"]+)"', edition["html"]))
    assert targets <= set(ids), f"in-document links to no id: {sorted(targets - set(ids))[:5]}"


# ---- planted faults ----------------------------------------------------------------------------

def fake_site(tmp_path, links: dict[str, str]):
    """A two-page built site (home and guide/) whose home page links to each of `links`."""
    pages = {"": "Home", "guide/": "Guide"}
    home = "".join(f'<p><a href="{href}">{text}</a></p>' for text, href in links.items())
    guide = ('<h2 id="there">There</h2>'
             '<p class="page-reviewed"><time datetime="2026-01-02">2 January 2026</time></p>')
    for url, title in pages.items():
        body = guide if url else home
        (tmp_path / url).mkdir(parents=True, exist_ok=True)
        (tmp_path / url / "index.html").write_text(
            f'<html><body><header>Skip to content</header><article class="md-content__inner md-typeset">'
            f'<h1 id="top">{title}<a class="headerlink" href="#top">#</a></h1>{body}'
            f'<button class="md-button">Copy</button><script>alert(1)</script></article></body></html>',
            encoding="utf-8")
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / "assets/stylesheets/main.css").write_text("", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    return {"site_name": "Fake", "site_url": "https://example.org/fake/", "copyright": "CC0",
            "nav": [{"Home": "index.md"}, {"Guide": "guide.md"}]}


def test_links_are_rewritten_into_the_document(tmp_path):
    config = fake_site(tmp_path, {"page": "guide/", "id": "guide/#there", "self": "#top",
                                  "download": "data.json", "out": "https://example.com/x"})
    html = combined_html(tmp_path, config)
    for href in ('href="#guide"', 'href="#guide--there"', 'href="#home--top"',
                 'href="https://example.org/fake/data.json"', 'href="https://example.com/x"'):
        assert href in html
    assert 'id="guide--there"' in html and 'id="home--top"' in html
    assert "<script" not in html and "<button" not in html and "headerlink" not in html
    assert "Skip to content" not in html
    assert "2 January 2026" in html, "the edition is dated by the newest review date"


def test_a_link_to_a_missing_id_or_page_stops_the_run(tmp_path):
    config = fake_site(tmp_path, {"good": "guide/#there", "bad id": "guide/#nowhere",
                                  "bad page": "../missing/", "bad self": "#nothing"})
    with pytest.raises(PrintError) as error:
        combined_html(tmp_path, config)
    message = str(error.value)
    assert "3 link(s)" in message
    assert "guide/#nowhere" in message and "../missing/" in message and "#nothing" in message
    assert "#there" not in message


def test_the_pdf_checker_reports_links_that_point_nowhere(tmp_path):
    """unresolved_links on a PDF with one good link and three planted bad ones."""
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(595, 842)
    writer.add_named_destination("good", 1)
    rect = ArrayObject([FloatObject(v) for v in (10, 10, 100, 30)])

    def link(**entries):
        annotation = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                       NameObject("/Subtype"): NameObject("/Link"),
                                       NameObject("/Rect"): rect})
        annotation.update({NameObject(k): v for k, v in entries.items()})
        writer.add_annotation(0, annotation)

    def uri(address):
        return DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                 NameObject("/URI"): TextStringObject(address)})
    link(**{"/Dest": NameObject("/good")})
    link(**{"/Dest": NameObject("/missing")})
    link(**{"/A": uri("http://127.0.0.1:8000/skills/sql/")})
    link(**{"/A": uri("https://example.org/")})
    link(**{"/A": uri("skills/sql/")})
    path = tmp_path / "planted.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    problems = unresolved_links(path)
    assert len(problems) == 3, problems
    assert "missing" in problems[0] and "127.0.0.1" in problems[1] and "skills/sql/" in problems[2]


def test_edition_date_formats():
    assert format_date("2026-11-27") == "27 November 2026"
