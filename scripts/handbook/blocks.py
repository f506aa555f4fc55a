"""The blocks pages render from the data model: figures with their citation, skill boxes, the
matrix, the salary table and chart, the link kit and the two browser tools.

Each block is a Jinja template in templates/ (markup lives there, not here); the functions below
only choose the data a template needs. `Page` is what a block needs to know about the page it is
on, so links can be written relative to the page's Markdown file and checked by MkDocs' strict
link validation like hand-written ones. scripts/handbook_macros.py exposes the blocks as macros
under both MkDocs (mkdocs-macros) and Zensical.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
import yaml

from handbook import DOCS
from handbook.model import DataError, Figure, Handbook, Skill

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Page:
    src: str       # the Markdown file, relative to docs/: "skills/sql.md"
    url: str       # its published path: "skills/sql/"
    site_url: str  # the site's absolute base address, ending in "/"
    # "note": figures cite source and period only, and {{ sources_note() }} gives each source's
    # address and check date once (a page full of figures, /salary/); "inline": each figure says it all.
    citations: str = "inline"


# ---- formatting shared by the blocks, the post-build step and the tests ------------------------

def format_date(value: dt.date | str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def format_value(fig: Figure) -> str:
    cents = f"{fig.value:,.2f}"  # hourly wages keep their cents: $46.86
    number = f"{fig.value:,}" if isinstance(fig.value, int) else f"{fig.value:,.1f}"
    return {
        "usd-year": f"${number} a year",
        "usd-year-about": f"about ${number} a year",
        "usd-hour": f"${cents} an hour",
        "gbp-week": f"£{number} a week",
        "eur-hour": f"€{cents} an hour",
        "percent": f"{number}%",
        "percent-growth": f"+{number}%",
        "count": number,
        "count-per-year": f"about {number} a year",
    }[fig.unit]


def esco_page(uri: str) -> str:
    """ESCO URIs are http:// identifiers; readers get the https page that describes them."""
    kind = "occupation" if "/esco/occupation/" in uri else "skill"
    return f"https://esco.ec.europa.eu/en/classification/{kind}?uri=" + quote(uri, safe="")


def url_of(src: str) -> str:
    """The published path of a docs file: 'skills/sql.md#why' -> 'skills/sql/#why'."""
    path, _, anchor = src.partition("#")
    path = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    return path + (f"#{anchor}" if anchor else "")


def level_src(skill: Skill, level_id: str) -> str:
    """Where a skill page says what one level looks like: its #level-<id> section, or #levels on a
    page without them (a soft skill with no behaviours in skills.yml). The tools, the scorecard, the link kit and the downloads
    all link levels through this."""
    return f"skills/{skill.slug}.md#" + (f"level-{level_id}" if skill.behaviours else "levels")


def absolute(site_url: str, src: str) -> str:
    return site_url.rstrip("/") + "/" + url_of(src)


def search_keywords(data: Handbook, skill: Skill) -> list[str]:
    """The skill's name, other spellings and topics, as search keywords (tags) for its page.

    Search matches as you type, by prefix: the query "ML" becomes "ml*", which also matches the
    word "mlops". So a keyword with a word that merely starts with another skill's one-word
    spelling is left out ("MLOps" would steal "ML" from machine learning). The page still
    matches it through its title and text, where the skill box prints every spelling.
    """
    others = {word.lower() for other in data.skills if other is not skill
              for word in [other.name, *other.aliases] if " " not in word}

    def clashes(keyword):
        return any(w != o and w.startswith(o) for w in keyword.lower().split() for o in others)
    return [k for k in [skill.name, *skill.aliases, *skill.topics] if not clashes(k)]


# ---- rendering --------------------------------------------------------------------------------

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters.update(value=format_value, date=format_date, esco_page=esco_page)
_ENV.globals.update(level_src=level_src)


class Blocks:
    """The blocks of one page. Every public method is a macro pages can call."""

    def __init__(self, data: Handbook, page: Page):
        self.data, self.page = data, page

    # helpers the templates call
    def link(self, target: str) -> str:
        """A relative link from this page to a docs file such as 'skills/python.md#why'."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.page.src) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def absolute(self, src: str) -> str:
        return absolute(self.page.site_url, src)

    def render(self, template: str, **context) -> str:
        return _ENV.get_template(template).render(
            data=self.data, page=self.page, link=self.link, absolute=self.absolute,
            source=lambda fig: self.data.sources[fig.source], short=self.page.citations == "note", **context)

    # the macros
    def fact(self, fid: str) -> str:
        """One figure, with its source, period and check date."""
        return self.render("fact.md", fig=self.data.figure(fid)).strip()

    def sources_note(self) -> str:
        """Each source the page's figures come from, once, with its address, the periods used and
        the date it was checked: the end of a page whose citations are short (citations: note)."""
        used = self.figures_used()
        by_source: dict[str, list[Figure]] = {}
        for fig in used:
            by_source.setdefault(fig.source, []).append(fig)
        if not by_source:
            raise DataError(f"docs/{self.page.src}: sources_note(): the page cites no figure")
        return self.render("sources_note.md", groups=[(self.data.sources[s], figs) for s, figs in by_source.items()])

    def figures_used(self) -> list[Figure]:
        """The figures this page shows, in the order it first shows them: those named in its macro
        calls (fact("id")) and those the pay_ranges() block draws."""
        text = (DOCS / self.page.src).read_text(encoding="utf-8")
        ids: list[str] = []
        for call in re.finditer(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}", text):
            name, args = call.groups()
            if name == "pay_ranges":
                ids += [fid for occ in self.data.salaries.occupations for fid in occ.points().values() if fid]
            if name == "quick_facts":
                ids += [fig.id for fig in self.quick_facts_figures()]
            ids += [a for a in re.findall(r"[\"']([a-z0-9-]+)[\"']", args) if a in self.data.figures]
        return [self.data.figures[i] for i in dict.fromkeys(ids)]

    def skill_box(self, slug: str) -> str:
        return self.render("skill_box.md", skill=self.data.skill(slug))

    def skill_levels(self, slug: str) -> str:
        skill = self.data.skill(slug)
        if not skill.behaviours:
            raise DataError(f"docs/data/skills.yml: skills[{slug}].behaviours: none, so no level sections")
        return self.render("skill_levels.md", skill=skill)

    def responsibility_skills(self, rid: str) -> str:
        self.data.responsibility(rid)
        return self.render("responsibility_skills.md", skills=self.data.skills_for(rid))

    def skills_list(self) -> str:
        return self.render("skills_list.md")

    def responsibilities_list(self) -> str:
        return self.render("responsibilities_list.md")

    def levels(self) -> str:
        return self.render("levels.md")

    def skills_matrix(self) -> str:
        return self.render("skills_matrix.md")

    def open_data(self) -> str:
        from handbook import opendata  # the downloads' definitions
        return self.render("open_data.md", files=opendata.FILES)

    def scorecard(self) -> str:
        return self.render("scorecard.md")

    def pay_ranges(self) -> str:
        """The US wage distribution of each proxy occupation: a range chart (10th to 90th
        percentile, middle half, median) and the same figures as a table."""
        rows = [(occ, {point: fid and self.data.figure(fid) for point, fid in occ.points().items()})
                for occ in self.data.salaries.occupations]
        values = [fig.value for _, points in rows for fig in points.values() if fig]
        step = 50_000  # the axis runs between round numbers around the figures shown
        low, high = (min(values) // step) * step, -(-max(values) // step) * step
        periods = sorted({fig.period for _, points in rows for fig in points.values() if fig})
        return self.render("pay_ranges.html", rows=rows, low=low, high=high, period=" and ".join(periods),
                           x=lambda fig: round(1000 * (fig.value - low) / (high - low)))

    def pay_laws(self) -> str:
        laws = self.data.salaries.pay_laws
        return self.render("pay_laws.md", eu=laws.eu, us=sorted(laws.us, key=lambda law: law.in_force))

    def sources(self) -> str:
        return self.render("sources.md")

    def link_kit(self) -> str:
        kit = self.data.skills_file.link_kit
        return self.render("link_kit.md", example=self.data.skill(kit.skill),
                           example_level=self.data.level_name(kit.level), kit=kit)

    def quick_facts_figures(self) -> tuple[Figure, Figure]:
        """The quick facts' median pay and outlook: the closest occupation's."""
        occ = self.data.occupation
        closest = next(o for o in self.data.salaries.occupations if o.soc == occ.occupational_category.code)
        return self.data.figure(occ.median_salary), self.data.figure(closest.growth)

    def quick_facts(self) -> str:
        median, growth = self.quick_facts_figures()
        return self.render("quick_facts.md", occ=self.data.occupation, median=median, growth=growth)

    def occupation_summary(self) -> str:
        occ = self.data.occupation
        return self.render("occupation_summary.md", occ=occ, median=self.data.figure(occ.median_salary))

    def self_check(self) -> str:
        return self.render("self_check.html", tool="self-check", tool_data=self.tool_data())

    def posting_builder(self) -> str:
        return self.render("posting_builder.html", tool="posting-builder", tool_data=self.tool_data())

    def review_dates(self) -> str:
        rows = []
        for path in sorted(p for p in DOCS.rglob("*.md") if "data" not in p.relative_to(DOCS).parts):
            src = path.relative_to(DOCS).as_posix()
            meta = front_matter(path)
            if not meta.get("reviewed"):
                raise DataError(f"docs/{src}: front matter needs `reviewed: YYYY-MM-DD`")
            rows.append((src, meta.get("title", src), meta["reviewed"]))
        return self.render("review_dates.md", rows=rows)

    # the data both tools read in the browser
    def tool_data(self) -> dict:
        data = self.data
        return {
            "levels": [{"id": lv.id, "name": lv.name} for lv in data.levels],
            "stages": [{"id": st.id, "name": st.name} for st in data.stages],
            "skills": [{"slug": s.slug, "name": s.name, "expected": s.expected,
                        "url": self.absolute(f"skills/{s.slug}.md"),
                        "learn": self.absolute(f"skills/{s.slug}.md#learn"),
                        "levelUrls": {lv.id: self.absolute(level_src(s, lv.id)) for lv in data.levels}}
                       for s in data.skills],
            "payRangeUrl": self.absolute("hiring.md#pay-range"),
            "responsibilities": [{"id": r.id, "name": r.name,
                                  "url": self.absolute(f"responsibilities.md#{r.id}")}
                                 for r in data.responsibilities],
        }


MACROS = [name for name, value in vars(Blocks).items()
          if callable(value) and not name.startswith("_")
          and name not in {"link", "absolute", "render", "tool_data", "figures_used"}]


def front_matter(path: Path) -> dict:
    """A page's YAML front matter (empty when it has none)."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    return yaml.safe_load(match.group(1)) or {} if match else {}
