"""The print edition: the whole handbook as one PDF, made from a built site.

    python scripts/handbook/pdf.py SITE_DIR OUTPUT.pdf [--html COMBINED.html]

(`scripts/pdf` builds the site first when no site directory is given.)

1. `combined_html` reads every page of the navigation (mkdocs.yml, in order) from the built site
   and writes one HTML document: a cover (title, edition date, licence), a table of contents,
   then each page's article (`article.md-content__inner`) in a `<section>` of its own. Left out:
   everything around the article (navigation, search, header, footer), permalink signs, buttons,
   scripts; the forms of the browser tools become a one-line note pointing at the web version.
   Collapsed blocks (`<details>`, such as interview answers) are opened.
2. Every id gets the page's slug as a prefix (`skills-sql--levels`), so ids stay unique, and every
   link to a page of the handbook becomes a link inside the document (`#skills-sql--levels`, or
   `#skills-sql` for the page itself). A link to a page or id the document lacks stops the run
   with a list of them (`PrintError`). External links stay absolute; a link to a file of the site
   that is not a page (a data download) becomes its published address.
3. `write_pdf` serves the site (handbook/static_server.py), opens the combined document in
   Chromium at the site's root, so it loads the site's own CSS and nothing from other origins
   (any such request stops the run), and prints it with `page.pdf`: A4, an outline (bookmarks)
   from the headings, a tagged PDF, page numbers in the footer.

`unresolved_links(pdf)` reads a finished PDF and lists every link annotation that points nowhere
inside it or at the local server, and `pdf_text(pdf)` reads its text page by page (fast);
tests/test_pdf.py checks the edition with both. Chromium silently drops a link to an id the
document lacks (no annotation at all), so the check of step 2 is what catches a broken id.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bs4 import BeautifulSoup, Tag

from handbook import opendata
from handbook.blocks import format_date, url_of
from handbook.site_config import load_config, nav_pages

TITLE = "ML Engineer Handbook"
COMBINED_NAME = "print-edition.html"  # where the combined page is served: the site's root
# The browser tools (forms with data-tool) and what the note calls them.
TOOL_NAMES = {"self-check": "The skills self-check", "posting-builder": "The job-posting builder"}
# Removed from every article: permalink signs, buttons, scripts and what only a screen can use.
REMOVE = ("a.headerlink, .md-button, button, .md-clipboard, .md-content__button, script, noscript, "
          "template, style, link, iframe")
# Attributes that hold one id or a space-separated list of ids of the same page.
ID_REFERENCES = ("for", "headers", "list", "form", "aria-labelledby", "aria-describedby",
                 "aria-controls", "aria-owns", "aria-details", "aria-flowto", "aria-activedescendant")
URL_REFERENCE = re.compile(r"url\(\s*(['\"]?)#([^)'\"\s]+)\1\s*\)")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "0.0.0.0")

# The print stylesheet of the combined document (the site's CSS comes first; Material's own print
# rules already show every tab of a tabbed block and hide the permalink signs).
PRINT_CSS = """
@page { size: A4; }
html { font-size: 125%; }
body { margin: 0; background: none; }
.md-typeset { font-size: .68rem; }
.print-page, .print-contents { break-before: page; }
.md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .md-dialog,
.md-banner, .md-feedback, .md-button, .md-clipboard { display: none !important; }
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4 { break-after: avoid; }
/* Material's light title weight: a title that wraps onto two lines loses the space between them
   in Chromium's bookmarks, and the bold weight of the site's pages makes the longer ones wrap. */
.md-typeset h1 { font-weight: 300; }
.md-typeset pre, .md-typeset tr, .md-typeset figure, .md-typeset svg { break-inside: avoid; }
.md-typeset table:not([class]) { display: table; font-size: .6rem; }
.md-typeset a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em;
  color: var(--md-default-fg-color--light); word-break: break-all; }
.md-typeset a.print-url-shown::after { content: none; }
.print-cover { display: flex; flex-direction: column; justify-content: center; min-height: 230mm; }
.md-typeset .print-cover h1 { font-size: 3em; margin: 0 0 .4em; color: var(--md-default-fg-color); }
.print-cover__description { font-size: 1.2em; max-width: 30em; }
.print-cover__meta { margin-top: 3em; color: var(--md-default-fg-color--light); }
.md-typeset .print-contents { line-height: 1.35; }
.md-typeset .print-contents h1 { margin-bottom: .8em; }
.md-typeset .print-contents ul { list-style: none; margin: 0; }
.md-typeset .print-contents ul li { margin: 0 0 .15em; }
.md-typeset .print-contents ul ul { margin: .15em 0 .3em 1.25em; }
.print-contents__section { font-weight: 700; }
.print-contents a::after { content: none; }
.print-note { font-style: italic; border-left: .2rem solid var(--md-default-fg-color--lighter);
  padding-left: .6rem; }
"""
HEADER = "<span></span>"  # no running header (Chromium's default prints the date and title)
FOOTER = ('<div style="font-size: 8px; width: 100%; text-align: center; color: #555;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}


class PrintError(RuntimeError):
    """The print edition cannot be made as asked: a page, a link or a request it cannot keep."""


@dataclass
class PrintPage:
    src: str                # "skills/sql.md"
    url: str                # "skills/sql/" (the home page is "")
    slug: str               # "skills-sql" (the home page is "home")
    parents: tuple          # the sections it sits in (site_config.NavPage.parents)
    title: str = ""         # the text of its H1
    article: Tag | None = None
    ids: set[str] = field(default_factory=set)  # the page's own ids, before the prefix


@dataclass
class PrintResult:
    path: Path
    pages: int
    size: int               # bytes
    seconds: float


def slug_of(url: str) -> str:
    return url.strip("/").replace("/", "-") or "home"


def read_article(site: Path, url: str) -> BeautifulSoup:
    """The article of one built page, parsed on its own (the rest of the page is never needed)."""
    path = site / url / "index.html"
    if not path.is_file():
        raise PrintError(f"{url or '/'}: no {path.relative_to(site)} in {site}; build the site first")
    text = path.read_text(encoding="utf-8")
    start = text.find('<article class="md-content__inner')
    end = text.find("</article>", start)
    if start < 0 or end < 0:
        raise PrintError(f"{url or '/'}: no <article class=\"md-content__inner ...\"> in {path}")
    return BeautifulSoup(text[start:end + len("</article>")], "html.parser")


def clean(article: Tag, page: PrintPage, site_url: str) -> None:
    """Leave what reads on paper: no buttons, scripts or permalink signs; forms become a note."""
    for form in article.select("form"):
        heading = form.find_previous(["h2", "h3", "h4"], id=True)
        address = site_url + page.url + (f"#{heading['id']}" if heading else "")
        name = TOOL_NAMES.get(form.get("data-tool", ""), "This tool")
        note = BeautifulSoup(f'<p class="print-note">{htmllib.escape(name)} needs the web version: '
                             f'<a href="{htmllib.escape(address)}">{htmllib.escape(address)}</a></p>',
                             "html.parser")
        form.replace_with(note)
    for element in article.select(REMOVE):
        element.decompose()
    for details in article.find_all("details"):
        details["open"] = ""


def collect_ids(page: PrintPage) -> None:
    page.ids = {element["id"] for element in page.article.find_all(id=True)}


def prefix_ids(page: PrintPage) -> None:
    """Every id, and every attribute naming an id of the same page, gets the page's prefix."""
    def local(name: str) -> str:
        return f"{page.slug}--{name}" if name in page.ids else name

    for element in page.article.find_all(True):
        if element.has_attr("id"):
            element["id"] = f"{page.slug}--{element['id']}"
        for attribute in ID_REFERENCES:
            if element.has_attr(attribute):
                value = element[attribute]
                names = value if isinstance(value, list) else value.split()
                element[attribute] = " ".join(local(n) for n in names)
        for attribute, value in list(element.attrs.items()):
            if element.name not in ("a", "area") and attribute in ("href", "xlink:href") \
                    and isinstance(value, str) and value.startswith("#"):   # SVG <use href="#...">
                element[attribute] = "#" + local(value[1:])
            elif isinstance(value, str) and "url(" in value:
                element[attribute] = URL_REFERENCE.sub(lambda m: f"url(#{local(m.group(2))})", value)


PRINT_EDITION = "handbook.pdf"  # where the publishing workflow puts this PDF (scripts/pdf site)


def rewrite_links(page: PrintPage, pages: dict[str, PrintPage], site: Path, site_url: str,
                  problems: list[str]) -> None:
    """Links to pages of the handbook become links inside the document; the rest stay absolute."""
    base = "/" + page.url
    for element in page.article.find_all(["a", "area"], href=True):
        href = element["href"]
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):   # https:, mailto: ...: already absolute
            if urlsplit(href).hostname in LOCAL_HOSTS:
                problems.append(f"{page.url or '/'}: a link to a local address: {href}")
            text = element.get_text(" ", strip=True)
            if href.startswith("http") and (text == href or href.split("://", 1)[-1] in text):
                element["class"] = [*element.get("class", []), "print-url-shown"]
            continue
        parts = urlsplit(urljoin(base, href))
        path = posixpath.normpath(parts.path).lstrip("/") if parts.path not in ("", "/") else ""
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        elif path and (site / path).is_dir():
            path += "/"
        if path == ".":
            path = ""
        target = pages.get(path)
        if path == PRINT_EDITION:  # the PDF itself, written after the pages: a link to this very file
            element["href"] = site_url + path
            continue
        if target is None or parts.query:
            # Not a page of the print edition (a download, a search link): its published address.
            if not (site / path).exists() and path not in pages:
                problems.append(f"{page.url or '/'}: a link to a missing page: {href}")
                continue
            element["href"] = site_url + path + (f"?{parts.query}" if parts.query else "") + (
                f"#{parts.fragment}" if parts.fragment else "")
            continue
        if not parts.fragment:
            element["href"] = f"#{target.slug}"
        elif parts.fragment in target.ids:
            element["href"] = f"#{target.slug}--{parts.fragment}"
        else:
            problems.append(f"{page.url or '/'}: a link to an id that {target.url or '/'} lacks: {href}")
    for element in page.article.find_all(["img", "source", "video", "audio"]):
        for attribute in ("src", "poster"):
            if element.has_attr(attribute) and not urlsplit(element[attribute]).scheme:
                element[attribute] = urljoin(base, element[attribute]).lstrip("/")


def contents(pages: list[PrintPage]) -> str:
    """The table of contents: each page's title, linked, grouped by the sections of the nav."""
    tree: list = []
    for page in pages:
        level = tree
        for title, _index in page.parents:
            if not (level and level[-1][0] == "section" and level[-1][1] == title):
                level.append(("section", title, []))
            level = level[-1][2]
        level.append(("page", page))

    def render(items) -> str:
        out = []
        for item in items:
            if item[0] == "page":
                out.append(f'<li><a href="#{item[1].slug}">{htmllib.escape(item[1].title)}</a></li>')
            else:
                out.append(f'<li><span class="print-contents__section">{htmllib.escape(item[1])}'
                           f"</span>{render(item[2])}</li>")
        return "<ul>" + "".join(out) + "</ul>"
    return render(tree)


def site_stylesheets(site: Path) -> list[str]:
    sheets = sorted(p.relative_to(site).as_posix() for p in (site / "assets/stylesheets").glob("*.css"))
    main = [s for s in sheets if Path(s).name.startswith("main.")]
    sheets = main + [s for s in sheets if s not in main]   # Material's main sheet, then the palette
    if (site / "assets/handbook.css").is_file():
        sheets.append("assets/handbook.css")
    return sheets


def light_palette(config: dict) -> dict[str, str]:
    """Material's colour attributes for the light scheme mkdocs.yml configures (paper is light)."""
    palettes = config.get("theme", {}).get("palette") or []
    palettes = palettes if isinstance(palettes, list) else [palettes]
    light = next((p for p in palettes if p.get("scheme") == "default"),
                 next((p for p in palettes if p.get("primary")), {}))
    return {"scheme": "default", "primary": light.get("primary", "indigo"),
            "accent": light.get("accent", "indigo")}


def combined_html(site: Path, config: dict | None = None) -> str:
    """The whole handbook as one HTML document, meant to be opened at the site's root."""
    site = Path(site)
    config = config if config is not None else load_config()
    site_url = config["site_url"].rstrip("/") + "/"
    pages: list[PrintPage] = []
    for nav in nav_pages(config):
        url = url_of(nav.src)
        page = PrintPage(nav.src, url, slug_of(url), nav.parents)
        page.article = read_article(site, url).article
        h1 = page.article.find("h1")
        if h1 is None:
            raise PrintError(f"{url or '/'}: the article has no <h1>")
        for sign in h1.select("a.headerlink"):
            sign.decompose()
        page.title = h1.get_text(" ", strip=True)
        pages.append(page)
    by_url = {page.url: page for page in pages}
    if len(by_url) < len(pages) or len({page.slug for page in pages}) < len(pages):
        raise PrintError("two entries of the navigation give the same page or the same slug")
    for page in pages:
        clean(page.article, page, site_url)
        collect_ids(page)
    problems: list[str] = []
    for page in pages:
        rewrite_links(page, by_url, site, site_url, problems)
    if problems:
        raise PrintError(f"{len(problems)} link(s) would point nowhere in the print edition:\n  "
                         + "\n  ".join(problems))
    for page in pages:
        prefix_ids(page)
    edition = format_date(opendata.edition())  # the same edition date as the /data/ downloads
    description = config.get("site_description", "").strip()
    licence = config.get("copyright", "")
    head = "\n".join(f'<link rel="stylesheet" href="{s}">' for s in site_stylesheets(site))
    colours = " ".join(f'data-md-color-{k}="{htmllib.escape(v)}"' for k, v in light_palette(config).items())
    body = []
    for page in pages:
        article = page.article
        article.name = "article"
        article["class"] = ["md-content__inner", "md-typeset"]
        body.append(f'<section class="print-page" id="{page.slug}" data-src="{page.src}">'
                    f"{article.decode()}</section>")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{htmllib.escape(config.get("site_name", TITLE))}</title>
<meta name="description" content="{htmllib.escape(description)}">
{head}
<style>{PRINT_CSS}</style>
</head>
<body dir="ltr" {colours}>
<main class="md-typeset print-edition">
<section class="print-cover">
<h1>{htmllib.escape(config.get("site_name", TITLE))}</h1>
<p class="print-cover__description">{htmllib.escape(description)}</p>
<div class="print-cover__meta">
<p>Print edition of {edition}, made from <a href="{site_url}" class="print-url-shown">{site_url}</a>,
where the tools work and every page is kept up to date.</p>
<p>{htmllib.escape(licence)}</p>
</div>
</section>
<nav class="print-contents" aria-labelledby="print-contents">
<h1 id="print-contents">Contents</h1>
{contents(pages)}
</nav>
{"".join(body)}
</main>
</body>
</html>
"""


def write_pdf(site: Path, output: Path, config: dict | None = None, html_path: Path | None = None,
              browser=None) -> PrintResult:
    """Write the print edition of the built site at `site` to `output` (and the combined HTML to
    `html_path` when given), with `browser` (a Playwright Chromium) or one of its own.
    Raises PrintError on a link that would point nowhere or a request to another origin."""
    started = time.monotonic()
    site, output = Path(site).resolve(), Path(output)
    document = combined_html(site, config)
    if html_path is not None:
        Path(html_path).write_text(document, encoding="utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    if browser is not None:
        _print(browser, site, document, output)
    else:
        from playwright.sync_api import sync_playwright

        from handbook.browser import find_chromium, launch

        executable = find_chromium()
        if executable is None:
            raise PrintError("no Chromium found (install Debian's chromium or set CHROMIUM_PATH)")
        with sync_playwright() as playwright:
            own = launch(playwright, executable)
            try:
                _print(own, site, document, output)
            finally:
                own.close()
    from pypdf import PdfReader

    count = len(PdfReader(output).pages)
    return PrintResult(output, count, output.stat().st_size, time.monotonic() - started)


def _print(browser, site: Path, document: str, output: Path) -> None:
    """Serve the site, open the combined document at its root (the request for it is answered
    from memory, so the site directory is left as it was) and print it."""
    from handbook.static_server import serve

    server, base = serve(site)
    elsewhere: list[str] = []
    failed: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.split("#")[0] == base + COMBINED_NAME:
            request_route.fulfill(status=200, content_type="text/html; charset=utf-8", body=document)
        elif url.startswith(base):
            request_route.continue_()
        else:
            elsewhere.append(url)
            request_route.abort()
    context = browser.new_context()
    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("requestfailed", lambda r: r.url.startswith(base) and failed.append(f"failed: {r.url}"))
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status}: {r.url}"))
        page.goto(base + COMBINED_NAME, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        if elsewhere or failed:
            raise PrintError("the print edition requested what it must not or could not load:\n  "
                             + "\n  ".join([f"another origin: {u}" for u in elsewhere] + failed))
        page.pdf(path=str(output), format="A4", print_background=False, outline=True, tagged=True,
                 display_header_footer=True, header_template=HEADER, footer_template=FOOTER,
                 margin=MARGIN)
    finally:
        context.close()
        server.shutdown()
        server.server_close()


# ---- checking a finished PDF -------------------------------------------------------------------

def unresolved_links(pdf_path: Path) -> list[str]:
    """Every link annotation of the PDF that points nowhere inside it (a named destination it
    lacks, a page not in the document) or at a local server or file, one line each."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, IndirectObject

    reader = PdfReader(pdf_path)
    page_ids = {page.indirect_reference.idnum for page in reader.pages}
    # Chromium writes named destinations as names (/skills-sql), other writers as strings.
    named = {str(name).lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    problems: list[str] = []

    def check_destination(number: int, dest) -> None:
        dest = dest.get_object() if isinstance(dest, IndirectObject) else dest
        if isinstance(dest, ArrayObject):
            target = dest[0] if dest else None
            if not (isinstance(target, IndirectObject) and target.idnum in page_ids):
                problems.append(f"page {number}: a link to a page outside the document ({target!r})")
            return
        name = str(dest).lstrip("/")
        if name not in named:
            problems.append(f"page {number}: a link to a destination the PDF lacks: {name}")
            return
        target = named[name].page
        if not (isinstance(target, IndirectObject) and target.idnum in page_ids):
            problems.append(f"page {number}: destination {name} points outside the document")

    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                check_destination(number, annotation["/Dest"])
                continue
            action = annotation.get("/A")
            action = action.get_object() if action is not None else None
            if action is None:
                problems.append(f"page {number}: a link with neither a destination nor an action")
            elif action.get("/S") == "/GoTo":
                check_destination(number, action["/D"])
            elif action.get("/S") == "/URI":
                uri = str(action["/URI"])
                parts = urlsplit(uri)
                if parts.scheme in ("file", "") or parts.hostname in LOCAL_HOSTS:
                    problems.append(f"page {number}: a link to a local address: {uri}")
    return problems


# What text extraction reads from a content stream: a font change, a string shown with Tj or TJ
# (Chromium shows every glyph as a hex string of two-byte codes), a form XObject drawn with Do, and
# the start and end of a text object.
_TEXT_OPERATIONS = re.compile(
    rb"/([^\s/<>\[\]()]+)\s+[-+\d.]+\s+Tf"                          # font
    rb"|<([0-9A-Fa-f\s]*)>\s*Tj"                                      # one string
    rb"|\[((?:\s*(?:<[0-9A-Fa-f\s]*>|[-+\d.]+))*)\s*\]\s*TJ"          # strings and spacing
    rb"|/([^\s/<>\[\]()]+)\s+Do\b"                                   # a form XObject
    rb"|\b(BT|ET)\b")


def _unicode_map(font) -> tuple[int, dict[int, str]]:
    """A font's code width in bytes and its codes -> text, from its ToUnicode CMap."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    mapping: dict[int, str] = {}
    if "/ToUnicode" not in font:
        return width, mapping
    data = font["/ToUnicode"].get_object().get_data()
    space = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    if space:
        width = len(space.group(1)) // 2

    def text(hexdigits: bytes) -> str:
        return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.DOTALL):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(source, 16)] = text(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.DOTALL):
        for low, high, target in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            low, high = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for offset, each in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", target)):
                    mapping[low + offset] = text(each)
            elif len(target) > 2:
                first = text(target[1:-1])
                for offset in range(high - low + 1):
                    mapping[low + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return width, mapping


def pdf_text(pdf_path: Path) -> list[str]:
    """The text of each page of a PDF Chromium printed, one string per page, text objects on lines
    of their own. pypdf's extract_text reads the same text but takes about 20 s for the edition
    (Chromium places every glyph on its own); this reads only what text needs: a few seconds."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    fonts: dict = {}

    def font_map(reference):
        key = reference.idnum if hasattr(reference, "idnum") else id(reference)
        if key not in fonts:
            fonts[key] = _unicode_map(reference.get_object())
        return fonts[key]

    def read(data: bytes, resources, out: list[str], depth: int = 0) -> None:
        resources = resources.get_object() if resources is not None else {}
        font_refs = resources.get("/Font", {})
        font_refs = font_refs.get_object() if hasattr(font_refs, "get_object") else font_refs
        objects = resources.get("/XObject", {})
        objects = objects.get_object() if hasattr(objects, "get_object") else objects
        width, mapping = 1, {}
        for match in _TEXT_OPERATIONS.finditer(data):
            name, single, array, xobject, bracket = match.groups()
            if name is not None:
                reference = font_refs.get("/" + name.decode("latin-1"))
                width, mapping = font_map(reference) if reference is not None else (1, {})
            elif single is not None or array is not None:
                strings = [single] if single is not None else re.findall(rb"<([0-9A-Fa-f\s]*)>", array)
                for string in strings:
                    raw = bytes.fromhex(re.sub(rb"\s", b"", string).decode())
                    out.extend(mapping.get(int.from_bytes(raw[i:i + width], "big"), "")
                               for i in range(0, len(raw) - width + 1, width))
            elif xobject is not None and depth < 8:
                form = objects.get("/" + xobject.decode("latin-1"))
                form = form.get_object() if form is not None else None
                if form is not None and form.get("/Subtype") == "/Form":
                    read(form.get_data(), form.get("/Resources"), out, depth + 1)
            elif bracket == b"ET":
                out.append("\n")

    pages = []
    for page in reader.pages:
        out: list[str] = []
        contents = page.get_contents()
        if contents is not None:
            read(contents.get_data(), page.get("/Resources"), out)
        pages.append("".join(out))
    return pages


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write the handbook's print edition (one PDF).")
    parser.add_argument("site", type=Path, help="a built site (what scripts/build writes)")
    parser.add_argument("output", type=Path, help="the PDF to write")
    parser.add_argument("--html", type=Path, help="also keep the combined HTML here")
    args = parser.parse_args(argv)
    try:
        result = write_pdf(args.site, args.output, html_path=args.html)
    except PrintError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    problems = unresolved_links(result.path)
    if problems:
        print("error: links that point nowhere in the PDF:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"{result.path}: {result.pages} pages, {result.size / 1024 / 1024:.1f} MiB, "
          f"{result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
