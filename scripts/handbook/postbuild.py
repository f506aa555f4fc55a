"""The post-build step: what must happen after either engine (MkDocs or Zensical) has written the
site. scripts/build and the tests run it; `scripts/serve` does not (nothing here is needed to
write pages).

    python scripts/handbook/postbuild.py SITE_DIR

- robots.txt, pointing at the sitemap;
- the data downloads under /data/ (handbook/opendata.py) and /llms.txt, /llms-full.txt
  (handbook/llms.py);
- structured data (JSON-LD) in each page's head: WebSite on the home page, Occupation on /role/,
  FAQPage on /faq/ (read from the built page itself), BreadcrumbList elsewhere;
- link-preview images, one 1200x630 PNG per page, drawn with the Inter font that ships in
  docs/data/fonts (SIL OFL) and cached in .cache/previews/ under a hash of everything drawn;
- an accessible name for Material's search dialog where the theme gives it none (Material 9.8
  writes role="dialog" without a name; Zensical names it);
- last, a Content-Security-Policy meta tag on every HTML file (GitHub Pages sends no headers):
  only the site's own scripts and the page's own inline scripts, by hash. Not in `scripts/serve`,
  where the live-reload script would be blocked.

It works from the built HTML, the navigation in mkdocs.yml and the data model, so it needs nothing
from the engine that built the site.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import json
import re
import shutil
import sys
import textwrap
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bs4 import BeautifulSoup

from handbook import DOCS, ROOT, llms, model, opendata
from handbook.blocks import absolute, front_matter, url_of
from handbook.site_config import load_config, nav_pages

FONTS = DOCS / "data" / "fonts"
CACHE = ROOT / ".cache" / "previews"
SIZE = (1200, 630)
DESIGN_VERSION = "2"  # bump to redraw every image after changing the drawing code
BACKGROUND, FOREGROUND, MUTED = "#283593", "#ffffff", "#c5cae9"


class PostBuildError(Exception):
    pass


def preview_path(url: str) -> str:
    """'assets/previews/skills/sql.png' for skills/sql/ (overrides/main.html uses the same rule)."""
    return f"assets/previews/{url.strip('/') or 'index'}.png"


def built_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url else site / "index.html"


# ---- structured data --------------------------------------------------------------------------

def website(config: dict, base: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config["site_name"],
        "url": base,
        "description": config["site_description"],
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": base + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def occupation(data: model.Handbook, base: str, page_src: str) -> dict:
    occ = data.occupation
    median = data.figure(occ.median_salary)
    cat = occ.occupational_category
    terms = []
    for skill in data.skills:
        term = {"@type": "DefinedTerm", "name": skill.name, "url": absolute(base, f"skills/{skill.slug}.md")}
        if skill.esco:
            term["sameAs"] = skill.esco.uri
        terms.append(term)
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": occ.name,
        "alternateName": occ.alternate_names,
        "description": " ".join(occ.description.split()),
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": cat.code,
            "name": cat.name,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": cat.code_set, "url": cat.code_set_url},
            "description": cat.note,
        },
        "responsibilities": [r.name for r in data.responsibilities],
        "skills": terms,
        "educationRequirements": " ".join(occ.education_requirements.split()),
        "qualifications": " ".join(occ.qualifications.split()),
        "estimatedSalary": {
            "@type": "MonetaryAmountDistribution",
            "name": f"BLS median, {cat.code} {cat.name}, {median.period}",
            "currency": "USD",
            "duration": "P1Y",
            "median": median.value,
        },
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": absolute(base, page_src),
            "lastReviewed": str(front_matter(DOCS / page_src)["reviewed"]),
        },
    }


def dataset(data: model.Handbook, config: dict, base: str, page_src: str) -> dict:
    """The /data/ page as a schema.org Dataset, with each download as a DataDownload."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "ML Engineer Handbook: skills, levels, responsibilities and figures",
        "description": " ".join(front_matter(DOCS / page_src)["description"].split()),
        "url": absolute(base, page_src),
        "license": opendata.LICENCE["path"],
        "isAccessibleForFree": True,
        "version": opendata.edition(),
        "dateModified": opendata.edition(),
        "creator": {"@type": "Organization", "name": config["site_name"], "url": base},
        "distribution": [{"@type": "DataDownload", "name": title, "encodingFormat": "application/json"
                          if fmt == "json" else "text/csv", "contentUrl": f"{base}data/{path}"}
                         for _, path, fmt, title, _, _ in opendata.FILES],
    }


def faq(soup: BeautifulSoup, where: str) -> dict:
    """FAQPage from the built page: each h2 of the article is a question, the paragraphs after it
    its answer."""
    entities = []
    for heading in soup.select("article h2"):
        for link in heading.select(".headerlink"):
            link.decompose()  # the soup is this function's own copy of the page
        question = heading.get_text()
        answer = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            if sibling.name == "p":
                answer.append(" ".join(sibling.get_text().split()))
        if not answer:
            raise PostBuildError(f"{where}: question {question.strip()!r} has no answer paragraph")
        entities.append({"@type": "Question", "name": " ".join(question.split()),
                         "acceptedAnswer": {"@type": "Answer", "text": " ".join(answer)}})
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}


def breadcrumbs(base: str, nav_page, title: str) -> dict:
    trail = [("Home", base)]
    for section, index in nav_page.parents:
        if index is not None and index != nav_page.src:
            trail.append((section, absolute(base, index)))
    trail.append((title, absolute(base, nav_page.src)))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": n, "name": name, "item": url}
                            for n, (name, url) in enumerate(trail, 1)],
    }


def add_json_ld(html: str, items: list[dict]) -> str:
    """Insert the blocks before </head>. json.dumps with < > & escaped, so no value can end the
    script element."""
    tags = "".join(
        '<script type="application/ld+json">'
        + json.dumps(item, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        + "</script>" for item in items)
    if html.count("</head>") != 1:
        raise PostBuildError("a page without exactly one </head>")
    return html.replace("</head>", tags + "</head>")


# ---- accessibility ----------------------------------------------------------------------------

UNNAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str) -> str:
    return html.replace(UNNAMED_SEARCH_DIALOG, UNNAMED_SEARCH_DIALOG[:-1] + ' aria-label="Search">')


# ---- content security policy ------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = re.compile(r'\stype="application/(?:ld\+)?json"', re.IGNORECASE)
# Inline event handlers (onerror="...") and style="..." attributes: the policy blocks both.
FORBIDDEN = re.compile(r"<[a-z][^>]*\s(on[a-z]+|style)=", re.IGNORECASE)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-...' sources for every inline script the browser runs (not JSON data blocks)."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if " src=" in attrs or DATA_TYPES.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def add_csp(html: str, where: str) -> str:
    forbidden = FORBIDDEN.search(html)
    if forbidden:
        raise PostBuildError(f"{where}: {forbidden.group(1)}= attribute, which the content security "
                             "policy blocks: use a script file or a CSS class")
    if "Content-Security-Policy" in html:
        raise PostBuildError(f"{where}: already has a content security policy")
    policy = POLICY.format(hashes=" ".join(inline_script_hashes(html))).replace("  ", " ")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        raise PostBuildError(f"{where}: no <head>")
    return html[: head.end()] + tag + html[head.end():]


# ---- preview images ---------------------------------------------------------------------------

def draw(title: str, section: str, site_name: str, address: str, target: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    try:
        bold = ImageFont.truetype(str(FONTS / "Inter-Bold.otf"), 64)
        regular = ImageFont.truetype(str(FONTS / "Inter-Regular.otf"), 34)
        small = ImageFont.truetype(str(FONTS / "Inter-Regular.otf"), 26)
    except OSError as error:
        raise PostBuildError(f"preview font missing in {FONTS}: {error}") from None
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, 24, SIZE[1]], fill="#7986cb")
    pen.text((90, 80), site_name, font=regular, fill=MUTED)
    if section:  # top-level pages have no section: the site's name is printed once, above
        pen.text((90, 190), section.upper(), font=regular, fill=MUTED)
    for number, line in enumerate(textwrap.wrap(title, width=30)[:3]):
        pen.text((90, 250 + number * 82), line, font=bold, fill=FOREGROUND)
    pen.text((90, 540), address.split("://", 1)[-1], font=small, fill=MUTED)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", optimize=True)


def preview(site: Path, url: str, title: str, section: str, site_name: str, address: str) -> None:
    fonts = b"".join(f.read_bytes() for f in sorted(FONTS.glob("*.otf")))
    key = hashlib.sha256(f"{DESIGN_VERSION}\x00{title}\x00{section}\x00{site_name}\x00{address}".encode()
                         + hashlib.sha256(fonts).digest()).hexdigest()[:20]
    cached = CACHE / f"{key}.png"
    if not cached.is_file():
        draw(title, section, site_name, address, cached)
    target = site / preview_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


# ---- the step ---------------------------------------------------------------------------------

def run(site: Path, root: Path = ROOT) -> None:
    config = load_config(root)
    base = config["site_url"].rstrip("/") + "/"
    data = model.cached()
    site_name = config["site_name"]
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
    opendata.write(site, data, base)
    llms.write(site, config, base)

    for nav_page in nav_pages(config):
        url = url_of(nav_page.src)
        file = built_file(site, url)
        if not file.is_file():
            raise PostBuildError(f"{nav_page.src}: the engine wrote no {file.relative_to(site)}")
        meta = front_matter(DOCS / nav_page.src)
        title = meta.get("title") or nav_page.title or url
        html = file.read_text(encoding="utf-8")
        if url == "":
            items = [website(config, base)]
        elif url == "role/":
            items = [occupation(data, base, nav_page.src), breadcrumbs(base, nav_page, title)]
        elif url == "data/":
            items = [dataset(data, config, base, nav_page.src), breadcrumbs(base, nav_page, title)]
        elif url == "faq/":
            items = [faq(BeautifulSoup(html, "html.parser"), nav_page.src), breadcrumbs(base, nav_page, title)]
        else:
            items = [breadcrumbs(base, nav_page, title)]
        file.write_text(add_json_ld(html, items), encoding="utf-8")
        preview(site, url, htmllib.unescape(title), nav_page.section or "", site_name, base + url)

    not_found = site / "404.html"
    if not_found.is_file():
        title = re.search(r"<h1[^>]*>(.*?)</h1>", not_found.read_text(encoding="utf-8"), re.DOTALL)
        text = BeautifulSoup(title.group(1), "html.parser").get_text().strip() if title else "Page not found"
        preview(site, "404.html", text, "", site_name, base + "404.html")

    for file in sorted(site.rglob("*.html")):
        html = name_search_dialog(file.read_text(encoding="utf-8"))
        file.write_text(add_csp(html, file.relative_to(site).as_posix()), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: postbuild.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    if not (site / "index.html").is_file():
        print(f"error: {site} holds no built site (no index.html)", file=sys.stderr)
        return 1
    try:
        run(site)
    except (PostBuildError, model.DataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
