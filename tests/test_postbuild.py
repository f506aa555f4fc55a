"""The post-build step both engines share: the content security policy, the search dialog's name,
and a clear message on bad input."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from handbook import postbuild

PAGE = ('<html><head><meta charset="utf-8"><script>run()</script>'
        '<script type="application/ld+json">{"a": 1}</script></head>'
        '<body><script src="x.js"></script><script type="application/json">{}</script></body></html>')


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_policy_allows_the_pages_own_inline_scripts_by_hash_and_nothing_else():
    html = postbuild.add_csp(PAGE, "page.html")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert f"script-src 'self' {sha256('run()')};" in policy  # JSON data blocks are not scripts
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "img-src 'self' data:" in policy and "default-src 'self'" in policy
    assert html.index("Content-Security-Policy") < html.index("<script>")


@pytest.mark.parametrize("planted", ['<img src="a.png" onerror="x()">', '<p style="color: red">x</p>'])
def test_an_inline_handler_or_style_attribute_stops_the_build(planted):
    with pytest.raises(postbuild.PostBuildError, match="page.html: (onerror|style)= attribute"):
        postbuild.add_csp(PAGE.replace("<body>", "<body>" + planted), "page.html")


def test_every_built_page_has_one_policy_before_its_first_script(site_dir):
    problems = []
    for file in sorted(site_dir.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        if html.count('http-equiv="Content-Security-Policy"') != 1:
            problems.append(f"{file.relative_to(site_dir)}: not exactly one policy")
        elif "<script" in html and html.index("Content-Security-Policy") > html.index("<script"):
            problems.append(f"{file.relative_to(site_dir)}: a script comes before the policy")
        for script in postbuild.INLINE_SCRIPT.finditer(html):
            attrs = script.group("attrs")
            if " src=" not in attrs and not postbuild.DATA_TYPES.search(attrs) \
                    and sha256(script.group("body")) not in html:
                problems.append(f"{file.relative_to(site_dir)}: an inline script without its hash")
    assert problems == []


def test_the_search_dialog_gets_a_name_once():
    html = postbuild.name_search_dialog(postbuild.UNNAMED_SEARCH_DIALOG)
    assert html == '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
    assert postbuild.name_search_dialog(html) == html


def test_the_step_refuses_a_folder_without_a_site(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/handbook/postbuild.py"), str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {tmp_path} holds no built site (no index.html)"
