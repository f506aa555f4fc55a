"""A link pasted anywhere previews well: description, canonical URL, Open Graph, Twitter card and
a 1200x630 image drawn at build time. Also sitemap.xml, robots.txt and the recruiters' link kit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import expect

from conftest import ROOT, build_project_copy
from handbook import model, site_config
from handbook.blocks import front_matter
from handbook.browser import open_page
from url_contract import redirect_target, unresolved

SITE_URL = site_config.site_url()  # SITE_URL from the environment, else mkdocs.yml's default
SITE_NAME = site_config.load_config()["site_name"]


def content_pages(site_dir: Path) -> list[Path]:
    """Every real page: not the 404 page, not a redirect stub."""
    pages = []
    for file in sorted(site_dir.rglob("index.html")):
        html = file.read_text(encoding="utf-8")
        if redirect_target(html, "/") is None:
            pages.append(file)
    return pages


def preview_problems(html: str, path: str, site_dir: Path, description: str | None = None) -> list[str]:
    """What is missing or wrong in one page's preview tags."""
    soup = BeautifulSoup(html, "lxml")

    def meta(key):
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        return tag.get("content") if tag else None

    canonical_tag = soup.find("link", rel="canonical")
    canonical = canonical_tag.get("href") if canonical_tag else None
    expected_url = SITE_URL.rstrip("/") + path
    problems = []
    if canonical != expected_url:
        problems.append(f"{path}: canonical is {canonical!r}, want {expected_url!r}")
    if description is not None and meta("description") != description:
        problems.append(f"{path}: meta description differs from the front matter")
    for key in ("og:title", "og:description", "og:type", "og:site_name", "og:image", "og:image:alt",
                "twitter:title", "twitter:description", "twitter:image"):
        if not meta(key):
            problems.append(f"{path}: no {key}")
    if meta("og:title") and SITE_NAME not in meta("og:title"):
        problems.append(f"{path}: og:title does not name the site")
    if meta("og:url") != canonical:
        problems.append(f"{path}: og:url is not the canonical URL")
    if meta("og:description") != meta("description"):
        problems.append(f"{path}: og:description differs from the meta description")
    if meta("twitter:card") != "summary_large_image":
        problems.append(f"{path}: twitter:card is not summary_large_image")
    image = meta("og:image") or ""
    if not image.startswith(SITE_URL):
        problems.append(f"{path}: og:image is not an absolute URL on the site: {image!r}")
    else:
        file = site_dir / image[len(SITE_URL.rstrip("/")) + 1:]
        if not file.is_file():
            problems.append(f"{path}: og:image file missing: {file.relative_to(site_dir)}")
        else:
            with Image.open(file) as picture:
                if picture.size != (1200, 630) or picture.format != "PNG":
                    problems.append(f"{path}: og:image is {picture.format} {picture.size}")
    if soup.find("img", src=re.compile("previews/")):
        problems.append(f"{path}: the page itself loads its preview image")
    return problems


def front_matter_description(site_path: str) -> str:
    rel = site_path.strip("/")
    candidates = [ROOT / "docs" / f"{rel}.md", ROOT / "docs" / rel / "index.md"] if rel else [ROOT / "docs/index.md"]
    source = next(c for c in candidates if c.is_file())
    return front_matter(source)["description"]


def test_every_page_has_complete_link_preview_tags(site_dir):
    pages = content_pages(site_dir)
    assert len(pages) >= 23
    problems = []
    for file in pages:
        path = "/" + file.parent.relative_to(site_dir).as_posix().strip(".") + "/"
        path = path.replace("//", "/")
        problems += preview_problems(file.read_text(encoding="utf-8"), path, site_dir,
                                     front_matter_description(path))
    assert problems == [], "\n".join(problems)


def test_preview_check_reports_a_missing_tag_and_a_missing_image(site_dir, tmp_path):
    html = (site_dir / "skills/sql/index.html").read_text(encoding="utf-8")
    assert preview_problems(html, "/skills/sql/", site_dir) == []
    broken = re.sub(r'<meta property="og:title"[^>]*>', "", html)
    assert preview_problems(broken, "/skills/sql/", site_dir) == ["/skills/sql/: no og:title"]
    unnamed = re.sub(r'(<meta property="og:title" content="[^"|]*) \| [^"]*"', r'\1"', html)
    assert preview_problems(unnamed, "/skills/sql/", site_dir) == ["/skills/sql/: og:title does not name the site"]
    shutil.copytree(site_dir, tmp_path / "site")
    (tmp_path / "site/assets/previews/skills/sql.png").unlink()
    assert preview_problems(html, "/skills/sql/", tmp_path / "site") == [
        "/skills/sql/: og:image file missing: assets/previews/skills/sql.png"]


def test_preview_values_are_escaped(tmp_path):
    """A description with quotes and markup survives into the tags as text, not as HTML."""
    tricky = 'Quotes "like this" & <b>tags</b> must stay text in every preview tag, always.'
    proc, out = build_project_copy(tmp_path, "docs/faq.md", lambda text: re.sub(
        r"^description: .*$", f"description: '{tricky}'", text, count=1, flags=re.MULTILINE))
    assert proc.returncode == 0, proc.stderr[-2000:]
    soup = BeautifulSoup((out / "faq/index.html").read_text(), "lxml")
    assert soup.find("meta", attrs={"name": "description"})["content"] == tricky
    assert soup.find("meta", attrs={"property": "og:description"})["content"] == tricky


def test_preview_images_are_drawn_only_when_their_text_changes(tmp_path, monkeypatch):
    from handbook import postbuild

    drawn = []
    real_draw = postbuild.draw
    monkeypatch.setattr(postbuild, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(postbuild, "draw", lambda *a: (drawn.append(a[0]), real_draw(*a)))
    site = tmp_path / "site"
    postbuild.preview(site, "a/", "Title A", "Section", "Handbook", "https://x/a/")
    postbuild.preview(site, "a/", "Title A", "Section", "Handbook", "https://x/a/")
    assert drawn == ["Title A"]  # the second build reused the cached image
    postbuild.preview(site, "a/", "Title A, renamed", "Section", "Handbook", "https://x/a/")
    assert drawn == ["Title A", "Title A, renamed"]
    with Image.open(site / "assets/previews/a.png") as picture:
        assert picture.size == (1200, 630)


def test_sitemap_lists_every_page_and_robots_names_it(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for file in content_pages(site_dir):
        rel = file.parent.relative_to(site_dir).as_posix()
        url = SITE_URL.rstrip("/") + "/" + ("" if rel == "." else rel + "/")
        assert url in listed, f"{url} missing from sitemap.xml"
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "Allow: /" in robots and f"Sitemap: {SITE_URL.rstrip('/')}/sitemap.xml" in robots


def test_link_kit_offers_every_skill_and_responsibility_with_a_working_link(site_dir):
    data = model.load()
    soup = BeautifulSoup((site_dir / "hiring/index.html").read_text(encoding="utf-8"), "lxml")
    copied = [b["data-clipboard-text"] for b in soup.select("button.copy-link")]
    expected = []
    for s in data.skills:  # each skill's page, then (where it has them) its four level sections
        expected.append(f"{SITE_URL.rstrip('/')}/skills/{s.slug}/")
        if s.behaviours:
            expected += [f"{SITE_URL.rstrip('/')}/skills/{s.slug}/#level-{lv.id}" for lv in data.levels]
    expected += [f"{SITE_URL.rstrip('/')}/responsibilities/#{r.id}" for r in data.responsibilities]
    expected += [f"{SITE_URL.rstrip('/')}/interviews/", f"{SITE_URL.rstrip('/')}/career/#self-assessment"]
    assert copied == expected
    paths = [urlsplit(url).path + ("#" + urlsplit(url).fragment if urlsplit(url).fragment else "")
             for url in copied]
    assert unresolved(site_dir, paths) == []
    text = soup.get_text()
    assert f"{SITE_URL.rstrip('/')}/?q=SQL" in text


@pytest.mark.browser
def test_link_kit_copy_button_copies_the_link(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, site_url + "hiring/#link-kit")
    button = page.locator("button.copy-link").first
    button.click()
    expect(page.locator(".md-dialog")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == button.get_attribute("data-clipboard-text")
    context.close()
