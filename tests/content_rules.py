"""Rules the handbook's Markdown and built pages follow. Each returns a list of problems, so the
tests can plant a fault and expect the report."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^(#{2,6})\s+(.*)$")
EXPLICIT_ID = re.compile(r"\{\s*#[a-z0-9][a-z0-9-]*[^}]*\}\s*$")
# A dollar amount or a percentage typed into prose; figures must come from {{ fact("ID") }}.
TYPED_FIGURE = re.compile(r"[$£€]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:%|per ?cent\b)")
DOLLARS = re.compile(r"[$£€]\s?\d")  # any currency amount
# A "figure" is a statistic about pay, jobs, the market or adoption. Numbers inside technical
# examples (a 1% canary, a GPU at 30% utilisation) are ordinary prose: a percentage counts as a
# figure when its paragraph talks about pay or the job market; a dollar amount always does, unless
# its paragraph says it is illustrative (a worked cost example with round, made-up prices).
MARKET_WORDS = re.compile(r"\b(pay|paid|salar\w*|wages?|earn\w*|compensation|bonus\w*|equity|hiring|demand|"
                          r"job (?:ads?|postings?|openings?|market)|vacanc\w*|"
                          r"employ\w*|openings?|growth|grew|premium|market|median|percentile|adoption|"
                          r"workers?|survey\w*)\b", re.IGNORECASE)

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


def _paragraphs(markdown: str):
    """(first line number, [(line number, line), ...]) for each block of prose lines."""
    block: list = []
    for number, line in prose_lines(markdown):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def typed_figures(markdown: str) -> list[str]:
    problems = []
    for block in _paragraphs(markdown):
        clean = [(n, re.sub(r"`[^`]*`|\{\{.*?\}\}|\]\([^)]*\)", "", line)) for n, line in block]
        text = " ".join(line for _, line in clean)
        about_market = bool(MARKET_WORDS.search(text))
        illustrative = "illustrative" in text.lower()
        for number, line in clean:
            for match in TYPED_FIGURE.finditer(line):
                dollars = bool(DOLLARS.match(match.group(0)))
                if (dollars and not illustrative) or (not dollars and about_market):
                    problems.append(f"line {number}: typed figure {match.group(0)!r}: use {{{{ fact(\"ID\") }}}}")
    return problems


def prose_words(html: str) -> int:
    """Words of running prose in a built page's article: paragraphs, list items and definitions,
    leaving out tables, code, data boxes and the 'last reviewed' line."""
    soup = BeautifulSoup(html, "lxml")
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
    soup = BeautifulSoup(html, "lxml")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    comments = soup.find_all(string=lambda s: isinstance(s, Comment))
    text = soup.get_text(" ") + " ".join(f"<!--{c}-->" for c in comments)
    return sorted({match.group(0) for match in RAW_SYNTAX.finditer(text)})


# ---- skill pages: levels and interview questions ---------------------------------------------

ANSWER_SUMMARY = "What a strong answer covers"
QUESTION_META = re.compile(r"^Suits: (?P<stage>.+?) · Kind: (?P<kind>[a-z]+)$")
QUESTION_KINDS = {"concept", "debugging", "design", "coding"}
ANSWER_WORDS = (60, 150)
MIN_QUESTIONS = 6


def _section(soup, heading_id: str):
    """The elements after the h2 with this id, up to the next h2."""
    heading = soup.find(id=heading_id)
    if heading is None:
        return None
    items = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        items.append(sibling)
    return items


def level_problems(html: str, level_ids: list[str], behaviours: dict[str, list[str]]) -> list[str]:
    """Each level section exists, in order, and lists exactly the behaviours of the data file."""
    soup = BeautifulSoup(html, "lxml")
    problems, last = [], -1
    headings = [h.get("id") for h in soup.select("article h3[id]")]
    for lid in level_ids:
        heading = soup.find(id=f"level-{lid}")
        if heading is None:
            problems.append(f"no #level-{lid}")
            continue
        position = headings.index(f"level-{lid}") if f"level-{lid}" in headings else -1
        if position < last:
            problems.append(f"#level-{lid} is out of order")
        last = position
        listed = heading.find_next_sibling("ul")
        shown = [re.sub(r"\s+", " ", li.get_text()).strip() for li in listed.find_all("li")] if listed else []
        wanted = behaviours.get(lid, [])
        if shown != wanted:
            extra = [b for b in shown if b not in wanted][:1]
            problems.append(f"#level-{lid} shows {len(shown)} behaviours, the data has {len(wanted)}"
                            + (f"; not in the data: {extra[0]!r}" if extra else ""))
    return problems


def interview_problems(html: str, stages: list[str]) -> list[str]:
    """At least six questions in #interview, each an h3 with an id, a 'Suits: stage · Kind: kind'
    line and a closed 'What a strong answer covers' block of 60 to 150 words; a mix of kinds
    (concept, debugging, design) and at least three stages."""
    soup = BeautifulSoup(html, "lxml")
    section = _section(soup, "interview")
    if section is None:
        return ["no #interview section"]
    problems, kinds, used_stages = [], set(), set()
    questions = [el for el in section if el.name == "h3"]
    for question in questions:
        title = re.sub(r"\s+", " ", question.get_text(" ")).replace("#", "").strip()
        where = f"question {title[:50]!r}"
        if not (question.get("id") or "").startswith("q-"):
            problems.append(f"{where}: id must start with q-")
        meta = question.find_next_sibling()
        match = QUESTION_META.match(re.sub(r"\s+", " ", meta.get_text(" ")).strip()) if meta else None
        if not match:
            problems.append(f"{where}: no 'Suits: stage · Kind: kind' line after it")
        else:
            stage, kind = match["stage"], match["kind"]
            if stage not in stages:
                problems.append(f"{where}: stage {stage!r} is not one of {stages}")
            if kind not in QUESTION_KINDS:
                problems.append(f"{where}: kind {kind!r} is not one of {sorted(QUESTION_KINDS)}")
            used_stages.add(stage)
            kinds.add(kind)
        answer = meta.find_next_sibling() if meta else None
        if answer is None or answer.name != "details":
            problems.append(f"{where}: no collapsible answer after it")
            continue
        summary = answer.find("summary")
        if summary is None or summary.get_text(strip=True) != ANSWER_SUMMARY:
            problems.append(f"{where}: the answer's summary must read {ANSWER_SUMMARY!r}")
        if answer.has_attr("open"):
            problems.append(f"{where}: the answer must be closed by default")
        body = " ".join(el.get_text(" ") for el in answer.children if getattr(el, "name", None) != "summary")
        words = len(re.findall(r"[A-Za-z0-9][\w'’+.-]*", body))
        if not ANSWER_WORDS[0] <= words <= ANSWER_WORDS[1]:
            problems.append(f"{where}: answer has {words} words (needs {ANSWER_WORDS[0]}-{ANSWER_WORDS[1]})")
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"{len(questions)} questions (needs {MIN_QUESTIONS})")
    for kind in ("concept", "debugging", "design"):
        if questions and kind not in kinds:
            problems.append(f"no {kind} question")
    if questions and len(used_stages) < 3:
        problems.append(f"questions suit {len(used_stages)} career stages (needs 3)")
    return problems


def article_words(html: str) -> int:
    """Every word of a built page's article, tables included (code blocks and the permalink
    signs are left out): the measure of the site's size."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article.md-content__inner")
    for junk in article.select("pre, .headerlink, script, style"):
        junk.decompose()
    return len(re.findall(r"[A-Za-z][\w'’+-]*", article.get_text(" ")))


# ---- pay wording and citations ----------------------------------------------------------------

# A "current" OEWS page shows other numbers next year; cite the dated one (/oes/2024/may/...).
UNDATED_BLS = re.compile(r"bls\.gov/oes/current/")
# OEWS wages include commissions and production bonuses: calling them "base pay" is wrong.
BASE_PAY = re.compile(r"\b(?:BLS|OEWS|figure)\b[^.]{0,80}?\bbase[- ](?:pay|wages?)\b|"
                      r"\bbase[- ]pay (?:figures|statistics|data|wages)\b", re.IGNORECASE)


def pay_wording_problems(html: str) -> list[str]:
    problems = [f"undated BLS address {m.group(0)!r}: cite /oes/2024/may/..." for m in UNDATED_BLS.finditer(html)]
    text = " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())
    problems += [f"calls survey wages base pay: {m.group(0)!r}" for m in BASE_PAY.finditer(text)]
    return problems


def citation_problems(html: str) -> list[str]:
    """A citation may say "checked" only when it links the source it checked; on a page with a
    sources note (#sources followed by its list), every source a citation links is in the note."""
    soup = BeautifulSoup(html, "lxml")
    cites = soup.select(".fact-cite")
    problems = [f"{' '.join(c.get_text().split())!r}: checked, but no address" for c in cites
                if "checked" in c.get_text() and not c.find("a")]
    heading = soup.find(id="sources")
    note = heading.find_next("ul") if heading else None
    short = [c for c in cites if "checked" not in c.get_text() and c.find("a")]  # source and period only
    if short and note is None:
        problems.append(f"{' '.join(short[0].get_text().split())!r}: a short citation, but the page has no sources note")
    if note is not None and short:
        listed = {a["href"] for a in note.find_all("a", href=True)}
        problems += sorted({f"{a['href']}: cited but not in the sources note" for c in short
                            for a in c.find_all("a", href=True) if a["href"] not in listed})
    return problems
