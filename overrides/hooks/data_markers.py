"""Render the handbook's data files into pages.

Pages never type a figure, a skill alias or a source. They place markers that this hook replaces
before Markdown is parsed:

    <!-- data:NAME [ARG] -->   a generated block (table, chart, list); see BLOCKS below
    <!-- fact:ID -->           one figure from salaries.yml, with its source, period and check date

An unknown marker, an unknown id or a page without its `reviewed` date fails the build, so a typo
never renders silently. Links are written as relative links to Markdown files, so MkDocs' strict
link validation checks them like hand-written ones.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

import yaml
from mkdocs.exceptions import PluginError

from handbook_data import CONFIG, DATA, esco_page, format_date, format_value, load_data, page_url

MARKER = re.compile(r"<!--\s*(data|fact):([\w-]+)(?:\s+([\w-]+))?\s*-->")

def search_excluded(markdown: str) -> str:
    """Keep a generated block out of the search index (tables of links, form labels, citations):
    it would repeat what the pages already say and make the index heavier."""
    return f'<div data-search-exclude markdown="1">\n\n{markdown}\n</div>\n'


def source_link(source: dict) -> str:
    if source.get("url"):
        return f"[{source['short']}]({source['url']})"
    return source["short"]


def cite(fig: dict) -> str:
    """The source, period and check date that stand next to every published figure."""
    source = DATA["sources"][fig["source"]]
    return (
        f'<span class="fact-cite" data-search-exclude>({source_link(source)}, {fig["period"]}; '
        f'checked {format_date(fig["checked"])})</span>'
    )


def link(page, target: str, text: str) -> str:
    """A Markdown link from `page` to a docs file such as 'skills/python.md#why'."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(page.file.src_uri) or ".")
    return f"[{text}]({rel}{'#' + anchor if anchor else ''})"


def skill_by_slug(slug: str) -> dict:
    for skill in DATA["skills"]["skills"]:
        if skill["slug"] == slug:
            return skill
    raise PluginError(f"unknown skill {slug!r}")


def resp_by_id(rid: str) -> dict:
    for resp in DATA["skills"]["responsibilities"]:
        if resp["id"] == rid:
            return resp
    raise PluginError(f"unknown responsibility {rid!r}")


def skill_link(page, skill: dict, anchor: str = "") -> str:
    return link(page, f"skills/{skill['slug']}.md{'#' + anchor if anchor else ''}", skill["name"])


def resp_link(page, resp: dict) -> str:
    return link(page, f"responsibilities.md#{resp['id']}", resp["name"])


# ----------------------------------------------------------------------------------------------
# Blocks
# ----------------------------------------------------------------------------------------------


def block_skill_box(page, slug):
    """The 'at a glance' box at the top of a skill page: other spellings, ESCO, responsibilities."""
    skill = skill_by_slug(slug)
    esco_version = DATA["skills"]["esco_version"]
    lines = [f"**Also written as:** {', '.join(skill['aliases'])}",
             f"**Covers:** {', '.join(skill['topics'])}"]
    if skill.get("esco"):
        lines.append(
            f"**ESCO concept:** [{skill['esco']['label']}]({esco_page(skill['esco']['uri'])}) "
            f"({esco_version})"
        )
    elif skill.get("reference"):
        lines.append(
            f"**No ESCO concept;** the reference is the [{skill['reference']['label']}]"
            f"({skill['reference']['url']})"
        )
    else:
        lines.append(f"**ESCO concept:** none in {esco_version}")
    resps = ", ".join(resp_link(page, resp_by_id(rid)) for rid in skill["responsibilities"])
    lines.append(f"**Used for:** {resps}")
    body = "  \n    ".join(lines)
    return f'!!! abstract "{skill["name"]} at a glance"\n    {body}\n'


def block_responsibility_skills(page, rid):
    resp = resp_by_id(rid)
    skills = ", ".join(skill_link(page, skill_by_slug(s)) for s in resp["skills"])
    return f"**Skills it draws on:** {skills}\n"


def block_skills_list(page, _arg):
    rows = [f"- **{skill_link(page, s)}**: {s['summary']}" for s in DATA["skills"]["skills"]]
    return "\n".join(rows) + "\n"


def block_responsibilities_list(page, _arg):
    return "\n".join(f"- {resp_link(page, r)}" for r in DATA["skills"]["responsibilities"]) + "\n"


def block_levels(page, _arg):
    rows = ["| Level | What it means |", "|---|---|"]
    rows += [f"| **{lv['name']}** | {lv['summary']} |" for lv in DATA["skills"]["levels"]]
    return "\n".join(rows) + "\n"


def block_skills_matrix(page, _arg):
    """Skill x career level: the level each stage expects. Same data as the self-check."""
    stages = DATA["skills"]["career_levels"]
    names = {lv["id"]: lv["name"] for lv in DATA["skills"]["levels"]}
    rows = ["| Skill | " + " | ".join(s["name"] for s in stages) + " |"]
    rows.append("|---" * (len(stages) + 1) + "|")
    for skill in DATA["skills"]["skills"]:
        cells = " | ".join(names[skill["expected"][s["id"]]] for s in stages)
        rows.append(f"| {skill_link(page, skill)} | {cells} |")
    return search_excluded("\n".join(rows) + "\n")


def block_salary_table(page, _arg):
    rows = [
        "| Occupation (US SOC code) | Median pay | Projected growth | Source | Checked |",
        "|---|---|---|---|---|",
    ]
    figs = DATA["figures"]
    for occ in DATA["salaries"]["occupations"]:
        median, growth = figs[occ["median"]], figs[occ["growth"]]
        source = DATA["sources"][median["source"]]
        rows.append(
            f"| {occ['name']} ({occ['soc']}) | {format_value(median)} ({median['period']}) "
            f"| {format_value(growth)} ({growth['period']}) | {source_link(source)} "
            f"| {format_date(median['checked'])} |"
        )
    return "\n".join(rows) + "\n"


def block_salary_chart(page, _arg):
    """A horizontal bar chart as inline SVG: BLS medians beside the 2021 claims."""
    figs = DATA["figures"]
    bars = [(f"{o['name']} ({o['soc']}), median", figs[o["median"]], "bls")
            for o in DATA["salaries"]["occupations"]]
    bars += [(figs[i]["label"], figs[i], "claim") for i in
             ("seed-2021-average", "seed-2021-high", "seed-2021-san-francisco")]
    width, label_w, bar_h, gap, top = 480, 0, 22, 32, 10
    scale_max = max(f["value"] for _, f, _ in bars)
    height = top + len(bars) * (bar_h + gap) + 10
    parts = [
        f'<svg class="salary-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="salary-chart-title salary-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="salary-chart-title">Yearly pay in US dollars: BLS medians (May 2024) '
        "beside the 2021 claims</title>",
        '<desc id="salary-chart-desc">'
        + html.escape("; ".join(f"{label}: {format_value(f)} ({f['period']})" for label, f, _ in bars))
        + "</desc>",
    ]
    for i, (label, fig, kind) in enumerate(bars):
        y = top + i * (bar_h + gap)
        w = round((width - 190) * fig["value"] / scale_max)
        parts.append(
            f'<text class="salary-chart__label" x="{label_w}" y="{y + 12}">{html.escape(label)}</text>'
            f'<rect class="salary-chart__bar salary-chart__bar--{kind}" x="0" y="{y + 16}" '
            f'width="{w}" height="{bar_h - 8}" rx="2"/>'
            f'<text class="salary-chart__value" x="{w + 8}" y="{y + 29}">'
            f'{html.escape(format_value(fig))} ({html.escape(fig["period"])})</text>'
        )
    parts.append("</svg>")
    # A raw HTML block (no `markdown` attribute), so Markdown extensions leave the SVG alone.
    return '<figure class="salary-figure" data-search-exclude>' + "".join(parts) + (
        "<figcaption>Blue bars: BLS medians for the closest occupations, May 2024. "
        "Grey bars: the 2021 claims, method unknown. The same figures are in the table above."
        "</figcaption></figure>\n"
    )


def block_sources(page, _arg):
    rows = []
    for source in DATA["sources"].values():
        name = f"[{source['name']}]({source['url']})" if source.get("url") else source["name"]
        rows.append(f"- {name}, {source['publisher']} ({source['kind']})")
    return search_excluded("\n".join(rows) + "\n")


def copy_button(url: str, what: str) -> str:
    """A button Material's own clipboard script handles (it shows "Copied to clipboard")."""
    return (f'<button type="button" class="copy-link md-button" data-clipboard-text="{html.escape(url)}" '
            f'aria-label="Copy the link to {html.escape(what)}">Copy</button>')


def block_link_kit(page, _arg):
    """Copy-ready absolute links to every skill page and responsibility, from skills.yml, and
    snippets a recruiter can paste. URLs follow site_url, so forks get their own."""
    # Lists, not tables: long addresses wrap on a phone instead of scrolling sideways, and the page
    # stays lighter to lay out (Material re-wraps every table when it starts).
    rows = ["Skill pages:", ""]
    for skill in DATA["skills"]["skills"]:
        url = page_url(f"skills/{skill['slug']}.md")
        rows.append(f"- {skill_link(page, skill)}: `{url}` {copy_button(url, skill['name'])}")
    rows += ["", "Responsibilities:", ""]
    for resp in DATA["skills"]["responsibilities"]:
        url = page_url(f"responsibilities.md#{resp['id']}")
        rows.append(f"- {resp_link(page, resp)}: `{url}` {copy_button(url, resp['name'])}")
    home = page_url("index.md")
    sql = skill_by_slug("sql")
    sql_url = page_url("skills/sql.md#levels")
    rows += [
        "",
        "A search link opens the handbook with a search already run:",
        "",
        "```text",
        f"{home}?q=SQL",
        "```",
        "",
        "A Markdown line for a posting:",
        "",
        "```markdown",
        f"- {sql['name']} at working level ([what that means]({sql_url}))",
        "```",
        "",
        "The same as HTML:",
        "",
        "```html",
        f'<li>{sql["name"]} at working level (<a href="{sql_url}">what that means</a>)</li>',
        "```",
    ]
    return search_excluded("\n".join(rows) + "\n")


def block_occupation_summary(page, _arg):
    """The role at a glance; the same values feed the Occupation structured data on /role/."""
    occ = DATA["occupation"]
    cat = occ["occupational_category"]
    median = DATA["figures"][occ["median_salary"]]
    rows = [
        f"**Also called:** {', '.join(occ['alternate_names'])}",
        f"**In one sentence:** {occ['description']}",
        f"**Closest official code:** [{cat['code']} {cat['name']}]({cat['code_set_url']}) "
        f"({cat['code_set']}); there is no code for the role itself",
        f"**Education:** {occ['education_requirements']}",
        f"**Qualifications:** {occ['qualifications']}",
        f"**Median pay of the closest occupation:** {format_value(median)} {cite(median)}",
    ]
    body = "  \n    ".join(rows)
    return f'!!! abstract "The role at a glance"\n    {body}\n'


def tools_data() -> dict:
    """What the two browser tools need, from skills.yml, with the published URLs."""
    skills = DATA["skills"]
    return {
        "levels": [{"id": lv["id"], "name": lv["name"]} for lv in skills["levels"]],
        "stages": [{"id": st["id"], "name": st["name"]} for st in skills["career_levels"]],
        "skills": [{"slug": s["slug"], "name": s["name"], "expected": s["expected"],
                    "url": page_url(f"skills/{s['slug']}.md"),
                    "learn": page_url(f"skills/{s['slug']}.md#learn"),
                    "levels": page_url(f"skills/{s['slug']}.md#levels")} for s in skills["skills"]],
        "responsibilities": [{"id": r["id"], "name": r["name"],
                              "url": page_url(f"responsibilities.md#{r['id']}")}
                             for r in skills["responsibilities"]],
    }


def tool_assets(page, name: str) -> str:
    """The tool's data (JSON, escaped for a script element) and its script, relative to the page."""
    data = json.dumps(tools_data(), ensure_ascii=False).replace("</", "<\\/")
    script = f"{'../' * page.url.count('/')}assets/tools/{name}.js"
    return (f'<script type="application/json" id="handbook-tools-data">{data}</script>\n'
            f'<script src="{script}" defer></script>\n')


def block_self_check(page, _arg):
    """The skills self-check: a plain table of radio buttons that works (and prints) without
    JavaScript; assets/tools/self-check.js adds the gaps, saving, sharing and clearing."""
    skills, levels = DATA["skills"]["skills"], DATA["skills"]["levels"]
    stages = DATA["skills"]["career_levels"]
    options = "".join(f'<option value="{st["id"]}">{html.escape(st["name"])}</option>' for st in stages)
    head = "".join(f'<th scope="col">{html.escape(lv["name"])}</th>' for lv in levels)
    rows = []
    for skill in skills:
        cells = "".join(
            f'<td><input type="radio" name="{skill["slug"]}" value="{lv["id"]}" '
            f'id="rate-{skill["slug"]}-{lv["id"]}"><label class="visually-hidden" '
            f'for="rate-{skill["slug"]}-{lv["id"]}">{html.escape(skill["name"])}: '
            f'{html.escape(lv["name"])}</label></td>' for lv in levels)
        rows.append(f'<tr><th scope="row">{html.escape(skill["name"])}</th>{cells}</tr>')
    return (
        '<form class="self-check" id="self-check-form" data-search-exclude data-tool="self-check" autocomplete="off">\n'
        '<p class="self-check__target"><label for="self-check-target">Target stage</label> '
        f'<select id="self-check-target" name="target">{options}</select></p>\n'
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        '<caption>Your level in each skill</caption>'
        f'<thead><tr><th scope="col">Skill</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div></div>\n'
        '<div class="self-check__actions" hidden>'
        '<button type="button" class="md-button" data-action="share">Copy share link</button> '
        '<button type="button" class="md-button" data-action="print">Print summary</button> '
        '<button type="button" class="md-button" data-action="clear">Clear my ratings</button></div>\n'
        '<p class="self-check__status" role="status" aria-live="polite"></p>\n'
        '<div class="self-check__result" aria-live="polite"></div>\n'
        "</form>\n" + tool_assets(page, "self-check")
    )


def block_posting_builder(page, _arg):
    """The job-posting builder's form; assets/tools/posting-builder.js writes the posting."""
    skills, resps = DATA["skills"]["skills"], DATA["skills"]["responsibilities"]
    stages = DATA["skills"]["career_levels"]

    def boxes(kind, items, key):
        return "".join(
            f'<label class="builder__choice"><input type="checkbox" name="{kind}" '
            f'value="{item[key]}"> {html.escape(item["name"])}</label>' for item in items)

    options = "".join(f'<option value="{st["id"]}">{html.escape(st["name"])}</option>' for st in stages)
    return (
        '<form class="builder" id="posting-builder-form" data-search-exclude data-tool="posting-builder" autocomplete="off">\n'
        '<p><label for="builder-title">Job title</label> '
        '<input type="text" id="builder-title" name="title" value="Machine learning engineer"> '
        f'<label for="builder-level">Level</label> <select id="builder-level" name="level">{options}'
        "</select></p>\n"
        f'<fieldset><legend>Skills</legend>{boxes("skill", skills, "slug")}</fieldset>\n'
        f'<fieldset><legend>Responsibilities</legend>{boxes("responsibility", resps, "id")}</fieldset>\n'
        '<p class="builder__nojs">The builder writes a posting skeleton as you tick boxes; it needs '
        "JavaScript. Without it, the ready-to-paste links further down work the same way.</p>\n"
        '<div class="builder__output" hidden>'
        '<p><label for="builder-markdown">Markdown</label></p>'
        '<textarea id="builder-markdown" rows="12" readonly></textarea>'
        '<p><button type="button" class="md-button" data-copy="builder-markdown">Copy Markdown</button></p>'
        '<p><label for="builder-text">Plain text</label></p>'
        '<textarea id="builder-text" rows="12" readonly></textarea>'
        '<p><button type="button" class="md-button" data-copy="builder-text">Copy plain text</button></p>'
        "</div>\n"
        '<p class="builder__status" role="status" aria-live="polite"></p>\n'
        "</form>\n" + tool_assets(page, "posting-builder")
    )


def block_review_dates(page, _arg):
    """Every page with the date it was last reviewed, read from the pages' front matter."""
    rows = ["| Page | Last reviewed |", "|---|---|"]
    for file in sorted(CONFIG["pages"], key=lambda f: f.src_uri):
        source = file.content_string if hasattr(file, "content_string") else ""
        meta = yaml.safe_load(source.split("---", 2)[1]) if source.startswith("---") else {}
        if not meta or not meta.get("reviewed"):
            raise PluginError(f"{file.src_uri}: front matter needs `reviewed: YYYY-MM-DD`")
        rows.append(f"| {link(page, file.src_uri, meta.get('title', file.src_uri))} "
                    f"| {format_date(meta['reviewed'])} |")
    return search_excluded("\n".join(rows) + "\n")


BLOCKS = {
    "skill-box": block_skill_box,
    "responsibility-skills": block_responsibility_skills,
    "skills-list": block_skills_list,
    "responsibilities-list": block_responsibilities_list,
    "levels": block_levels,
    "skills-matrix": block_skills_matrix,
    "salary-table": block_salary_table,
    "salary-chart": block_salary_chart,
    "sources": block_sources,
    "link-kit": block_link_kit,
    "occupation-summary": block_occupation_summary,
    "self-check": block_self_check,
    "posting-builder": block_posting_builder,
    "review-dates": block_review_dates,
}
NEEDS_ARG = {"skill-box", "responsibility-skills"}


def render_marker(match: re.Match, page) -> str:
    kind, name, arg = match.groups()
    where = page.file.src_uri
    if kind == "fact":
        fig = DATA["figures"].get(name)
        if fig is None:
            raise PluginError(f"{where}: unknown figure <!-- fact:{name} --> (see salaries.yml)")
        return f"{format_value(fig)} {cite(fig)}"
    if name not in BLOCKS:
        raise PluginError(f"{where}: unknown block <!-- data:{name} -->; known: {sorted(BLOCKS)}")
    if (name in NEEDS_ARG) != bool(arg):
        raise PluginError(f"{where}: <!-- data:{name} --> {'needs' if name in NEEDS_ARG else 'takes no'} argument")
    try:
        return BLOCKS[name](page, arg)
    except PluginError as error:
        raise PluginError(f"{where}: <!-- data:{name} {arg or ''} -->: {error}") from None


# ----------------------------------------------------------------------------------------------
# MkDocs events
# ----------------------------------------------------------------------------------------------


def on_config(config):
    DATA.clear()
    DATA.update(load_data())
    CONFIG.clear()
    CONFIG.update(site_url=config["site_url"])
    config.extra["handbook"] = DATA  # templates read the same data
    return config


def search_keywords(skill: dict) -> list[str]:
    """The skill's name and other spellings, as search keywords (tags) for its page.

    Search matches as you type, by prefix: the query "ML" becomes "ml*", which also matches the
    word "mlops". So a keyword with a word that merely starts with another skill's one-word
    spelling is left out ("MLOps" would steal "ML" from machine learning). The page still
    matches it through its title and text, where the skill box prints every spelling.
    """
    others = {word.lower() for other in DATA["skills"]["skills"] if other is not skill
              for word in [other["name"], *other["aliases"]] if " " not in word}
    def clashes(keyword):
        return any(w != o and w.startswith(o) for w in keyword.lower().split() for o in others)
    return [k for k in [skill["name"], *skill["aliases"], *skill["topics"]] if not clashes(k)]


def skill_for_page(page) -> dict | None:
    match = re.fullmatch(r"skills/([\w-]+)\.md", page.file.src_uri)
    if match and match.group(1) != "index":
        return skill_by_slug(match.group(1))
    return None


def on_files(files, config):
    CONFIG["pages"] = [f for f in files.documentation_pages()]
    return files


def on_page_markdown(markdown, page, config, files):
    skill = skill_for_page(page)
    if skill:
        # Material's search indexes front-matter tags with a high boost (and shows them as chips
        # in the results): the skill's name and other spellings make its page the first result.
        page.meta["tags"] = search_keywords(skill)
    reviewed = page.meta.get("reviewed")
    if not reviewed:
        raise PluginError(f"{page.file.src_uri}: front matter needs `reviewed: YYYY-MM-DD`")
    page.meta["reviewed_text"] = format_date(reviewed)
    return MARKER.sub(lambda m: render_marker(m, page), markdown)
