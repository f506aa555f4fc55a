"""The handbook's data as downloads under /data/ (CC BY 4.0), written by the post-build step after
either engine, from the same data model the pages render:

- skills.json, responsibilities.json, figures.json, each with a JSON Schema beside it
  (<name>.schema.json, generated from the pydantic models below, so the schema and the files
  cannot drift apart);
- skills.csv (one row per skill and career stage) and crosswalk.csv (each skill's identifiers in
  other frameworks), each described by a Table Schema in datapackage.json;
- datapackage.json (Frictionless Data Package): every file with its format, the edition, the date
  and the licence, which a CSV has no place for.

The /data/ page (docs/data.md) documents the files from FILES and the column lists below, so
the documentation and the files share one definition.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from handbook import DOCS
from handbook.blocks import absolute, format_value, front_matter, level_src
from handbook.model import Handbook

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
SEPARATOR = " | "  # between several behaviours in one CSV cell


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- the JSON files' shapes (their JSON Schemas are generated from these) ----------------------

class LevelOut(Export):
    id: str
    name: str
    summary: str


class StageOut(Export):
    id: str
    name: str


class SkillOut(Export):
    slug: str
    name: str
    kind: str
    summary: str
    url: str
    aliases: list[str]
    topics: list[str]
    esco_uri: str | None
    expected: dict[str, str]                 # career stage id -> level id
    behaviours: dict[str, list[str]]         # level id -> what someone at that level can be seen doing
    level_urls: dict[str, str]               # level id -> the page section that describes it
    responsibilities: list[str]


class SkillsFileOut(Export):
    edition: str
    licence: str
    levels: list[LevelOut]
    career_stages: list[StageOut]
    skills: list[SkillOut]


class ResponsibilityOut(Export):
    id: str
    name: str
    url: str
    skills: list[str]


class ResponsibilitiesFileOut(Export):
    edition: str
    licence: str
    responsibilities: list[ResponsibilityOut]


class SourceOut(Export):
    id: str
    name: str
    publisher: str
    url: str | None


class FigureOut(Export):
    id: str
    label: str
    value: float
    unit: str
    shown_as: str          # exactly as the pages print it
    period: str
    checked: str           # the date the source was last read, YYYY-MM-DD
    confidence: str        # A read on the primary source, B quoted by two or more, C one secondary site
    source: SourceOut


class FiguresFileOut(Export):
    edition: str
    licence: str
    figures: list[FigureOut]


# ---- the CSV files' columns (name, description) ------------------------------------------------

SKILLS_CSV = [
    ("skill", "the skill's id, which is also the last part of its page's address"),
    ("skill_name", "the skill's name"),
    ("career_stage", "junior, mid, senior or staff"),
    ("career_stage_name", "the stage's name"),
    ("expected_level", "awareness, working, practitioner or expert"),
    ("expected_level_name", "the level's name"),
    ("behaviours", (f"what someone at that level can be seen doing, separated by '{SEPARATOR.strip()}'; "
                   "empty for a skill whose page has no level sections")),
    ("page_url", "the skill's page"),
    ("level_url", "the section of the page that describes that level"),
]
CROSSWALK_CSV = [
    ("skill", "the skill's id"),
    ("skill_name", "the skill's name"),
    ("esco_uri", "the ESCO skill concept, where one exists"),
    ("esco_version", "the ESCO version the concept was checked against"),
    ("sfia_code", "the SFIA skill code, where one covers it"),
    ("other_reference", "another authoritative reference, where there is no ESCO concept"),
    ("uk_framework_skill", ("the skill in the UK Government Digital and Data Profession Capability "
                           "Framework, where a checked mapping exists (none yet: empty)")),
    ("soc_onet", ("SOC or O*NET codes: they classify occupations, not skills, so they are empty here; "
                 "the role's own codes are on /role/")),
    ("page_url", "the skill's page"),
]

# name, path, format, title, description; schema: a pydantic model (JSON) or columns (CSV)
FILES = [
    ("skills", "skills.json", "json", "Skills, levels and behaviours",
     ("Every skill with its other names, topics, the level each career stage expects and the "
     "behaviours that show each level."), SkillsFileOut),
    ("skills-by-stage", "skills.csv", "csv", "Skills by career stage",
     "One row per skill and career stage: the expected level and its behaviours.", SKILLS_CSV),
    ("responsibilities", "responsibilities.json", "json", "Responsibilities",
     "The responsibilities of the role and the skills each draws on.", ResponsibilitiesFileOut),
    ("figures", "figures.json", "json", "Figures",
     "Every figure the handbook publishes, with its source, period, check date and confidence.",
     FiguresFileOut),
    ("crosswalk", "crosswalk.csv", "csv", "Crosswalk to other frameworks",
     "Each skill's identifiers in ESCO and SFIA, where they exist.", CROSSWALK_CSV),
]


def edition() -> str:
    """The edition date: the newest `reviewed` date of any page."""
    dates = [str(front_matter(p).get("reviewed", "")) for p in DOCS.rglob("*.md")
             if p.relative_to(DOCS).parts[0] != "data"]
    return max(d for d in dates if d)


def _skills(data: Handbook, base: str, when: str) -> SkillsFileOut:
    skills = []
    for s in data.skills:
        page = absolute(base, f"skills/{s.slug}.md")
        skills.append(SkillOut(
            slug=s.slug, name=s.name, kind=s.kind, summary=s.summary, url=page, aliases=list(s.aliases),
            topics=list(s.topics), esco_uri=s.esco.uri if s.esco else None, expected=dict(s.expected),
            behaviours={k: list(v) for k, v in s.behaviours.items()},
            level_urls={lv.id: absolute(base, level_src(s, lv.id)) for lv in data.levels},
            responsibilities=list(s.responsibilities)))
    return SkillsFileOut(edition=when, licence=LICENCE["name"],
                         levels=[LevelOut(id=lv.id, name=lv.name, summary=lv.summary) for lv in data.levels],
                         career_stages=[StageOut(id=st.id, name=st.name) for st in data.stages], skills=skills)


def _responsibilities(data: Handbook, base: str, when: str) -> ResponsibilitiesFileOut:
    return ResponsibilitiesFileOut(edition=when, licence=LICENCE["name"], responsibilities=[
        ResponsibilityOut(id=r.id, name=r.name, url=absolute(base, f"responsibilities.md#{r.id}"),
                          skills=[s.slug for s in data.skills_for(r.id)]) for r in data.responsibilities])


def _figures(data: Handbook, when: str) -> FiguresFileOut:
    figures = []
    for f in data.figures.values():
        src = data.sources[f.source]
        figures.append(FigureOut(
            id=f.id, label=f.label, value=f.value, unit=f.unit, shown_as=format_value(f), period=f.period,
            checked=f.checked.isoformat(), confidence=f.confidence,
            source=SourceOut(id=src.id, name=src.name, publisher=src.publisher, url=src.url)))
    return FiguresFileOut(edition=when, licence=LICENCE["name"], figures=figures)


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _skills_csv(data: Handbook, base: str) -> str:
    rows = []
    for s in data.skills:
        page = absolute(base, f"skills/{s.slug}.md")
        for st in data.stages:
            level = s.expected[st.id]
            rows.append({"skill": s.slug, "skill_name": s.name, "career_stage": st.id, "career_stage_name": st.name,
                         "expected_level": level, "expected_level_name": data.level_name(level),
                         "behaviours": SEPARATOR.join(s.behaviours.get(level, [])), "page_url": page,
                         "level_url": absolute(base, level_src(s, level))})
    return _csv(SKILLS_CSV, rows)


def _crosswalk_csv(data: Handbook, base: str) -> str:
    rows = [{"skill": s.slug, "skill_name": s.name, "esco_uri": s.esco.uri if s.esco else "",
             "esco_version": data.skills_file.esco_version if s.esco else "", "sfia_code": s.sfia or "",
             "other_reference": s.reference.url if s.reference else "", "uk_framework_skill": "", "soc_onet": "",
             "page_url": absolute(base, f"skills/{s.slug}.md")} for s in data.skills]
    return _csv(CROSSWALK_CSV, rows)


def contents(data: Handbook, base: str) -> dict[str, str]:
    """Every file of /data/ (path -> text), schemas and datapackage.json included."""
    when = edition()
    files = {
        "skills.json": _skills(data, base, when).model_dump_json(indent=2),
        "responsibilities.json": _responsibilities(data, base, when).model_dump_json(indent=2),
        "figures.json": _figures(data, when).model_dump_json(indent=2),
        "skills.csv": _skills_csv(data, base),
        "crosswalk.csv": _crosswalk_csv(data, base),
    }
    resources = []
    for name, path, fmt, title, description, schema in FILES:
        resource = {"name": name, "path": path, "format": fmt, "title": title, "description": description,
                    "mediatype": "application/json" if fmt == "json" else "text/csv", "encoding": "utf-8",
                    "licenses": [LICENCE]}
        if fmt == "json":
            schema_path = path.replace(".json", ".schema.json")
            files[schema_path] = json.dumps(schema.model_json_schema(), indent=2)
            resource["schema"] = schema_path
        else:
            resource["schema"] = {"fields": [{"name": n, "type": "string", "description": d} for n, d in schema]}
        resources.append(resource)
    files["datapackage.json"] = json.dumps({
        "name": "ml-engineer-handbook", "title": "ML Engineer Handbook: skills, levels, responsibilities and figures",
        "homepage": absolute(base, "data.md"), "version": when, "created": when, "licenses": [LICENCE],
        "resources": resources}, indent=2)
    return {path: text if text.endswith("\n") else text + "\n" for path, text in files.items()}


def write(site: Path, data: Handbook, base: str) -> list[str]:
    folder = site / "data"
    folder.mkdir(exist_ok=True)
    written = []
    for path, text in contents(data, base).items():
        (folder / path).write_text(text, encoding="utf-8")
        written.append(f"data/{path}")
    return written
