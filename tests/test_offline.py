"""No request leaves the site, nothing breaks the content security policy, and no page logs an
error: read from the session's one visit to every page at each width and colour scheme.

(That the built HTML and CSS reference no other origin is the link checker's job: test_links.py.)
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import VISIT_SETTINGS
from handbook.static_server import serve
from handbook.visits import Visitor, origin_of

pytestmark = pytest.mark.browser

PLANTED_SCRIPT = "window.__planted = true;"
PLANTED_IMAGE = "http://127.0.0.1:9/planted.png"  # another origin (port), and nothing listens there
PLANTED_CSP = "script-src 'self' 'report-sample'"  # report-sample: the violation quotes the script


def foreign_requests(visits, site_origin: str) -> list[str]:
    return [f"/{v.path}: {r.url}" for v in visits for r in v.requests
            if r.origin not in (site_origin, "") and not r.url.startswith(("data:", "blob:"))]


def csp_violations(visits) -> list[str]:
    return [f"/{v.path}: {c['directive']} blocked {c['blocked'] or '?'} {c.get('sample') or ''}".rstrip()
            for v in visits for c in v.csp]


def unexpected_errors(visits) -> list[str]:
    """Console and page errors, less the one a missing page must log: its own 404 status."""
    return [f"/{v.path}: {e}" for v in visits for e in v.errors
            if not (v.status == 404 and "status of 404" in e and e.endswith(f"(at {v.url})"))]


@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_pages_send_no_request_to_other_origins(page_visits, gzip_site_url, width, scheme):
    visits = page_visits.get(width, scheme)
    assert len(visits) > 10 and all(v.requests for v in visits)
    foreign = foreign_requests(visits, origin_of(gzip_site_url))
    assert foreign == [], "requests to other origins:\n" + "\n".join(foreign)


@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_no_page_breaks_its_content_security_policy(page_visits, width, scheme):
    found = csp_violations(page_visits.get(width, scheme))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("width, scheme", VISIT_SETTINGS)
def test_no_page_logs_an_error(page_visits, width, scheme):
    found = unexpected_errors(page_visits.get(width, scheme))
    assert found == [], "\n".join(found)


def test_visit_records_a_planted_inline_script_and_foreign_request(browser, site_dir, tmp_path):
    """The planted faults, on a copy of a built page under a policy of `script-src 'self'`: an inline
    script the policy blocks and an image from another origin. The collector must record both."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = site / "skills/sql/index.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    html = html.replace("<head>", f'<head><meta http-equiv="Content-Security-Policy" content="{PLANTED_CSP}">', 1)
    html = html.replace("</body>", f'<script>{PLANTED_SCRIPT}</script><img src="{PLANTED_IMAGE}" alt=""></body>', 1)
    page.write_text(html, encoding="utf-8")
    server, url = serve(site)
    visitor = Visitor(browser, url)
    try:
        visit = visitor.visit("skills/sql/", axe=False)
        clean = visitor.visit("skills/", axe=False)
    finally:
        visitor.close()
        server.shutdown()
    assert f"/skills/sql/: script-src-elem blocked inline {PLANTED_SCRIPT}" in csp_violations([visit])
    assert foreign_requests([visit], origin_of(url)) == [f"/skills/sql/: {PLANTED_IMAGE}"]
    assert any("Content Security Policy" in e for e in unexpected_errors([visit]))
    assert csp_violations([clean]) == foreign_requests([clean], origin_of(url)) == unexpected_errors([clean]) == []
