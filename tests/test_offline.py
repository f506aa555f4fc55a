"""No request leaves the site: nothing is fetched from another origin, by markup or at run time."""

from urllib.parse import urlsplit

import pytest

from link_check import check_site


def test_built_html_and_css_reference_no_other_origin(site_dir):
    problems = [p for p in check_site(site_dir) if "another origin" in p]
    assert problems == [], "\n".join(problems)


def html_pages(site_dir):
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


@pytest.mark.browser
def test_pages_send_no_request_to_other_origins(page, site_url, site_dir):
    origin = urlsplit(site_url).netloc
    foreign = []
    page.on("request", lambda r: urlsplit(r.url).netloc not in (origin, "")
            and not r.url.startswith(("data:", "blob:")) and foreign.append(r.url))
    pages = html_pages(site_dir)
    assert len(pages) > 10
    for path in pages:
        page.goto(site_url + path.removesuffix("index.html"), wait_until="networkidle")
    assert foreign == [], "requests to other origins:\n" + "\n".join(foreign)
    assert page.errors == [], "\n".join(page.errors)
