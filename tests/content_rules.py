"""Rules the handbook's Markdown and built pages follow. Each returns a list of problems, so the
tests can plant a fault and expect the report."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^(#{2,6})\s+(.*)$")
EXPLICIT_ID = re.compile(r"\{\s*#[a-z0-9][a-z0-9-]*[^}]*\}\s*$")
# A dollar amount or a percentage typed into prose; figures must come from {{ fact("ID") }}.
TYPED_FIGURE = re.compile(r"\$\s?\d|\b\d+(?:[.,]\d+)?\s?(?:%|per ?cent\b)")


def prose_lines(markdown: str):
    """(line number, line) for every line outside fenced code blocks and front matter."""
    in_fence = False
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = lines.index("---", 1) + 1
    for number, line in enumerate(lines[start:], start + 1):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line


def headings_without_explicit_id(markdown: str) -> list[str]:
    return [f"line {n}: {line.strip()}" for n, line in prose_lines(markdown)
            if HEADING.match(line) and not EXPLICIT_ID.search(line)]


def typed_figures(markdown: str) -> list[str]:
    problems = []
    for number, line in prose_lines(markdown):
        clean = re.sub(r"`[^`]*`|\{\{.*?\}\}|\]\([^)]*\)", "", line)  # code, macros, link targets
        for match in TYPED_FIGURE.finditer(clean):
            problems.append(f"line {number}: typed figure {match.group(0)!r}: use {{{{ fact(\"ID\") }}}}")
    return problems


def prose_words(html: str) -> int:
    """Words of running prose in a built page's article: paragraphs, list items and definitions,
    leaving out tables, code, data boxes and the 'last reviewed' line."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    for junk in article.select("table, pre, code, .admonition.abstract, .page-reviewed, .headerlink"):
        junk.decompose()
    blocks = article.find_all(["p", "li", "dd", "blockquote"])
    text = " ".join(b.get_text(" ") for b in blocks if not b.find_parent(["li", "blockquote"]))
    return len(re.findall(r"[A-Za-z][\w'’+-]*", text))


# What a built site must never contain, whichever engine built it.
SOURCE_SUFFIXES = {".py", ".pyc", ".yml", ".yaml", ".j2", ".jinja", ".md"}
TEMPLATE_DIRS = {"partials", "hooks", ".icons"}
RAW_SYNTAX = re.compile(r"<!--\s*(?:fact|data):|\{\{|\{%|%\}|\}\}")


def published_source_files(site) -> list[str]:
    """Files of the site that are sources, not pages: Python, YAML, Markdown, Jinja, theme
    templates (anything under partials/ or hooks/, or a main.html)."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site)
        if (path.suffix in SOURCE_SUFFIXES or rel.parts[0] in TEMPLATE_DIRS or rel.name == "main.html"):
            found.append(rel.as_posix())
    return found


def raw_template_syntax(html: str) -> list[str]:
    """Macro calls, Jinja tags and old-style markers left unrendered in a built page's text."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    comments = soup.find_all(string=lambda s: isinstance(s, Comment))
    text = soup.get_text(" ") + " ".join(f"<!--{c}-->" for c in comments)
    return sorted({match.group(0) for match in RAW_SYNTAX.finditer(text)})
