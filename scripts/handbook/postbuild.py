"""The post-build step: what must happen after either engine (MkDocs or Zensical) has written the
site. scripts/build and the tests run it; `scripts/serve` does not (nothing here is needed to
write pages).

    python scripts/handbook/postbuild.py SITE_DIR

- robots.txt, pointing at the sitemap;
- structured data (JSON-LD) in each page's head: WebSite on the home page, Occupation on /role/,
  FAQPage on /faq/ (read from the built page itself), BreadcrumbList elsewhere;
- link-preview images, one 1200x630 PNG per page, drawn with the Inter font that ships in
  docs/data/fonts (SIL OFL) and cached in .cache/previews/ under a hash of everything drawn.

It works from the built HTML, the navigation in mkdocs.yml and the data model, so it needs nothing
from the engine that built the site.
"""

from __future__ import annotations

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

from handbook import DOCS, ROOT, model
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
        elif url == "faq/":
            items = [faq(BeautifulSoup(html, "html.parser"), nav_page.src), breadcrumbs(base, nav_page, title)]
        else:
            items = [breadcrumbs(base, nav_page, title)]
        file.write_text(add_json_ld(html, items), encoding="utf-8")
        preview(site, url, htmllib.unescape(title), nav_page.section or site_name, site_name, base + url)

    not_found = site / "404.html"
    if not_found.is_file():
        title = re.search(r"<h1[^>]*>(.*?)</h1>", not_found.read_text(encoding="utf-8"), re.DOTALL)
        text = BeautifulSoup(title.group(1), "html.parser").get_text().strip() if title else "Page not found"
        preview(site, "404.html", text, site_name, site_name, base + "404.html")


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
