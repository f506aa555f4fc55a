"""The link checker: every link in a built site, as the strict build cannot see links in templates
or raw HTML. `check_site(site)` returns one 'page: message' line per problem:
- an internal href/src that resolves to no file;
- a #fragment that matches no element id on the target page;
- an external link that is not https://;
- a page that loads a script, stylesheet, font, image or frame from another origin.

The command line is scripts/link_check.py.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "data")
# Elements whose URL the browser fetches as the page loads (as opposed to links a reader follows).
RESOURCE_TAGS = {"script", "img", "source", "iframe", "embed", "object", "video", "audio", "track", "input"}
RESOURCE_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                 "apple-touch-icon", "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
IGNORED_SCHEMES = {"mailto", "tel", "data", "blob", "about"}
NO_OP = "javascript:void(0)"  # Material's search "share" button is an <a> that navigates nowhere


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def ids_of(path: Path) -> frozenset[str]:
    soup = parse(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def urls_in(tag) -> list[str]:
    found = []
    for attribute in URL_ATTRIBUTES:
        value = tag.get(attribute)
        if not value:
            continue
        if attribute == "srcset":
            found += [part.strip().split()[0] for part in value.split(",") if part.strip()]
        else:
            found.append(value.strip())
    return found


def target_of(site: Path, page: Path, path: str) -> Path:
    """Where a URL path on `page` points in the site, whether or not a file is there."""
    path = unquote(path)
    return ((site / path.lstrip("/")) if path.startswith("/") else page.parent / path).resolve()


def resolve(site: Path, page: Path, path: str) -> Path | None:
    """The file a URL path points at, as a static host would serve it; None when missing."""
    target = target_of(site, page, path)
    try:
        target.relative_to(site.resolve())
    except ValueError:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(site: Path, later: frozenset[str] = frozenset()) -> list[str]:
    """Every problem in the built site at `site`, as 'page: message' lines. `later` names files
    (site-relative) written after the tested build, such as the print edition (handbook.pdf):
    links to them are let through while the file is absent; the publishing workflow runs this
    check again without `later` once the file exists."""
    site = Path(site)
    problems: list[str] = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        where = page.relative_to(site).as_posix()
        soup = parse(page)
        for tag in soup.find_all(True):
            for url in urls_in(tag):
                problems += check_url(site, page, where, tag, url, later)
        for style in soup.find_all("style"):
            for match in CSS_URL.finditer(style.get_text()):
                problems += check_resource_url(where, match.group(1) or match.group(2))
    for sheet in sorted(site.rglob("*.css")):
        where = sheet.relative_to(site).as_posix()
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            problems += check_resource_url(where, match.group(1) or match.group(2))
    return problems


def is_resource(tag) -> bool:
    if tag.name in RESOURCE_TAGS:
        return True
    rels = set(tag.get("rel") or [])
    return tag.name == "link" and bool(rels & RESOURCE_RELS)


def check_resource_url(where: str, url: str) -> list[str]:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        return [f"{where}: loads a resource from another origin: {url}"]
    return []


def check_url(site: Path, page: Path, where: str, tag, url: str, later: frozenset[str] = frozenset()) -> list[str]:
    parts = urlsplit(url)
    if parts.scheme in IGNORED_SCHEMES or url == NO_OP:
        return []
    if parts.scheme or url.startswith("//"):
        if is_resource(tag):
            return [f"{where}: loads a resource from another origin: {url}"]
        if parts.scheme != "https":
            return [f"{where}: external link is not https: {url}"]
        return []
    if parts.path:
        target = resolve(site, page, parts.path)
        if target is None:
            if target_of(site, page, parts.path) in {(site / name).resolve() for name in later}:
                return []  # written after this build (see check_site)
            return [f"{where}: broken link: {url} (no file at {parts.path})"]
    else:
        target = page
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in ids_of(target):
        shown = target.resolve().relative_to(site.resolve()).as_posix()
        return [f"{where}: broken anchor: {url} (no id '{fragment}' on {shown})"]
    return []
