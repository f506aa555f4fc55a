"""The strict build is the gate: it passes, and it fails on a planted broken link or anchor."""

import re

from conftest import build_project_copy


def test_strict_build_passes(build_result):
    proc, site = build_result
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "WARNING" not in proc.stderr, proc.stderr[-3000:]
    assert (site / "index.html").is_file() and (site / "404.html").is_file()


def test_strict_build_fails_on_planted_broken_link_and_anchor(tmp_path):
    planted = "\n\n[gone](no-such-page.md) and [lost section](index.md#no-such-section)\n"
    proc, _ = build_project_copy(tmp_path, "docs/about.md", lambda text: text + planted)
    assert proc.returncode != 0
    assert "about.md" in proc.stderr and "no-such-page.md" in proc.stderr
    assert "no-such-section" in proc.stderr


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def blocking_scripts(html: str) -> list[str]:
    """External scripts that would hold up the first paint: no defer, async or type=module."""
    found = []
    for attrs in SCRIPT_TAG.findall(html):
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if src and not re.search(r'\b(defer|async)\b|type="module"', attrs):
            found.append(src.group(1))
    return found


def test_the_sites_own_scripts_are_deferred(site_dir):
    """keyboard.js (extra_javascript with defer) and the tools' scripts wait for the page to be
    parsed. Material's bundle sits at the end of the body as Material writes it: deferring it
    measured no gain (README, "Workarounds, measured")."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        blocking = [src for src in blocking_scripts(html) if "assets/javascripts/bundle." not in src]
        if blocking:
            problems.append(f"{page.relative_to(site_dir)}: scripts not deferred: {blocking}")
    assert not problems, "\n".join(problems)
    assert 'src="assets/keyboard.js" defer' in (site_dir / "index.html").read_text(encoding="utf-8")


def test_blocking_script_check_reports_a_planted_parser_blocking_script():
    html = ('<script src="a.js" defer></script><script src="b.js"></script>'
            '<script type="module" src="c.js"></script><script>inline()</script>'
            '<script async src="d.js"></script>')
    assert blocking_scripts(html) == ["b.js"]
