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


def test_every_page_defers_its_scripts(site_dir):
    """main.html defers Material's bundle so the page paints first; keyboard.js and the tools'
    scripts are deferred too. An upgrade that changes how Material writes its scripts shows up here."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # redirect stubs from mkdocs-redirects carry no theme
        name = page.relative_to(site_dir)
        if blocking_scripts(html):
            problems.append(f"{name}: scripts not deferred: {blocking_scripts(html)}")
        if not re.search(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js" defer>', html):
            problems.append(f"{name}: Material's bundle is missing or not deferred")
    assert not problems, "\n".join(problems)


def test_blocking_script_check_reports_a_planted_parser_blocking_script():
    html = ('<script src="a.js" defer></script><script src="b.js"></script>'
            '<script type="module" src="c.js"></script><script>inline()</script>'
            '<script async src="d.js"></script>')
    assert blocking_scripts(html) == ["b.js"]


EXPECT = re.compile(r'<link rel="expect" href="#([^"]+)" blocking="render">')


def paint_hold_problems(html: str) -> list[str]:
    """The head must hold the first paint until the body is parsed: a render-blocking `expect`
    link naming an element after the article (Material's #__config, just before its scripts)."""
    head, _, body = html.partition("</head>")
    found = EXPECT.search(head)
    if not found:
        return ["no render-blocking expect link in the head"]
    article_end = body.rfind("</article>")
    target = body.find(f'id="{found.group(1)}"')
    if target < 0 or target < article_end:
        return [f"#{found.group(1)} is not an element after the article"]
    return []


def test_every_page_holds_its_first_paint_until_its_body_is_parsed(site_dir):
    problems = [f"{page.relative_to(site_dir)}: {problem}" for page in sorted(site_dir.rglob("*.html"))
                if 'http-equiv="refresh"' not in (html := page.read_text(encoding="utf-8"))
                for problem in paint_hold_problems(html)]
    assert problems == [], "\n".join(problems)


def test_paint_hold_check_reports_a_missing_link_and_a_target_too_early():
    link = '<link rel="expect" href="#{}" blocking="render">'
    page = '<head>{}</head><body><h1 id="top">t</h1><article>text</article><script id="__config"></script></body>'
    assert paint_hold_problems(page.format(link.format("__config"))) == []
    assert paint_hold_problems(page.format("")) == ["no render-blocking expect link in the head"]
    assert paint_hold_problems(page.format(link.format("top"))) == ["#top is not an element after the article"]
