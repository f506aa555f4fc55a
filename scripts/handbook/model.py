"""The typed data model of docs/data/*.yml: every rule about the data is written here once, and
the site, the post-build step and the tests all read the data through `load()`.

A bad data file raises DataError whose message is one line naming the file, the entry and the
field, for example:

    docs/data/skills.yml: skills[sql].expected.mid: 'advanced' is not a level (awareness, ...)

Relations are stored once: a skill lists the responsibilities it serves, and a responsibility's
skills are derived from that (`Handbook.skills_for`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError
from pydantic import Strict as StrictMarker

from handbook import DATA_DIR, ROOT

Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[StrictStr, Field(min_length=1)]
Https = Annotated[StrictStr, Field(pattern=r"^https://\S+$")]
Date = Annotated[dt.date, StrictMarker()]


MIN_BEHAVIOURS = 3
# Phrases that rate a person instead of saying what they do ("good understanding of X").
VAGUE = re.compile(r"\b(good|solid|strong|deep|basic|excellent) (understanding|knowledge|grasp|command)\b|"
                   r"^(understands|knows|is familiar|familiar with|knowledge of|aware of|understanding of)\b",
                   re.IGNORECASE)


MARKUP = re.compile(r"[`*\[\]<>]")


class DataError(Exception):
    """A data file breaks a rule. str(error) is one line: file, entry, field, problem."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- skills.yml -------------------------------------------------------------------------------

class Level(Model):
    id: Id
    name: Text
    summary: Text


class Stage(Model):
    id: Id
    name: Text


class Esco(Model):
    label: Text
    uri: Annotated[StrictStr, Field(pattern=r"^http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f-]+$")]


class Reference(Model):
    label: Text
    url: Https


class Section(Model):
    id: Id
    name: Text


class Skill(Model):
    slug: Id
    name: Text
    kind: Literal["hard", "soft"]
    summary: Text
    aliases: list[Text]
    topics: list[Text]
    esco: Esco | None = None
    sfia: Annotated[StrictStr, Field(pattern=r"^[A-Z]{4}$")] | None = None  # SFIA skill code, e.g. MLNG
    reference: Reference | None = None
    expected: dict[Id, Id]
    responsibilities: list[Id]
    sections: list[Section] = []
    # What a person at each level can be seen doing (level id -> behaviours): a verb and a result,
    # never an adjective. Rendered as the page's #level-* sections, the self-check's hints and the
    # scorecard. Every hard skill has all four levels; a soft skill has all four or none.
    behaviours: dict[Id, list[Text]] = {}


class Responsibility(Model):
    id: Id
    name: Text


class LinkKit(Model):
    """The example the link kit shows: a search link and a posting line for one skill."""
    skill: Id
    level: Id
    query: Text


class SkillsFile(Model):
    levels: list[Level]
    career_levels: list[Stage]
    esco_version: Text
    skills: list[Skill]
    responsibilities: list[Responsibility]
    study_path: list[Id]  # skill slugs, in the order the study path teaches them
    link_kit: LinkKit
    builder_default_stage: Id  # the career stage the posting builder starts at


# ---- salaries.yml, sources.yml, occupation.yml -----------------------------------------------

Unit = Literal["usd-year", "usd-year-about", "usd-hour", "gbp-week", "eur-hour",
               "percent", "percent-growth", "count", "count-per-year"]


class Figure(Model):
    id: Id
    value: StrictInt | StrictFloat
    unit: Unit
    period: Text  # a quoted string: "2021", not 2021
    source: Id
    checked: Date
    confidence: Literal["A", "B", "C"]
    label: Text


class Percentiles(Model):
    p10: Id
    p25: Id
    p75: Id
    p90: Id


class Occupation(Model):
    id: Id
    name: Text
    short: Text  # in the range chart's table head, where a phone has little room
    soc: Annotated[StrictStr, Field(pattern=r"^\d{2}-\d{4}$")]
    note: Text | None = None
    median: Id
    growth: Id
    # The 10th, 25th, 75th and 90th percentiles, where the dated OEWS table could be read.
    percentiles: Percentiles | None = None

    def points(self) -> dict[str, str | None]:
        """The distribution's figure ids in rising order, None where a percentile is missing."""
        pc = self.percentiles
        return {"p10": pc and pc.p10, "p25": pc and pc.p25, "median": self.median,
                "p75": pc and pc.p75, "p90": pc and pc.p90}


class PayRule(Model):
    """A rule that pay be stated to applicants, read on an official page (`source`)."""
    law: Text
    in_force: Date
    # A: the date is on the official page; B: the official page shows the rule but not its start,
    # which two or more independent secondary sources agree on.
    date_confidence: Literal["A", "B"]
    covers: Text        # who must comply, as the official page says
    must_state: Text    # what must be stated, as the official page says
    reported: Text | None = None  # what only secondary sources say (thresholds, amendments)
    source: Id
    checked: Date


class PayLaw(PayRule):
    """A US jurisdiction's rule that a job posting states its pay range."""
    id: Id
    jurisdiction: Text


class EuDirective(PayRule):
    transposition_deadline: Date  # when member states' own laws were due


class PayLaws(Model):
    eu: EuDirective
    us: list[PayLaw]


class SalariesFile(Model):
    occupations: list[Occupation]
    figures: list[Figure]
    pay_laws: PayLaws


class Source(Model):
    id: Id
    short: Text
    name: Text
    publisher: Text
    url: Https | None
    kind: Literal["data", "framework", "guide", "law", "claim"]


class Category(Model):
    code: Text
    name: Text
    code_set: Text
    code_set_url: Https
    note: Text  # why this code: there is none for the role itself


class OccupationFile(Model):
    name: Text
    alternate_names: list[Text]
    description: Text
    occupational_category: Category
    education_requirements: Text
    qualifications: Text
    median_salary: Id


# ---- the whole -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Handbook:
    skills_file: SkillsFile
    salaries: SalariesFile
    sources: dict[str, Source]
    occupation: OccupationFile
    figures: dict[str, Figure] = field(default_factory=dict)

    @property
    def skills(self) -> list[Skill]:
        return self.skills_file.skills

    @property
    def responsibilities(self) -> list[Responsibility]:
        return self.skills_file.responsibilities

    @property
    def levels(self) -> list[Level]:
        return self.skills_file.levels

    @property
    def stages(self) -> list[Stage]:
        return self.skills_file.career_levels

    def skill(self, slug: str) -> Skill:
        for skill in self.skills:
            if skill.slug == slug:
                return skill
        raise DataError(f"unknown skill {slug!r}; known: {', '.join(s.slug for s in self.skills)}")

    def responsibility(self, rid: str) -> Responsibility:
        for resp in self.responsibilities:
            if resp.id == rid:
                return resp
        raise DataError(f"unknown responsibility {rid!r}; known: "
                        f"{', '.join(r.id for r in self.responsibilities)}")

    def figure(self, fid: str) -> Figure:
        if fid not in self.figures:
            raise DataError(f"unknown figure {fid!r} (see docs/data/salaries.yml)")
        return self.figures[fid]

    def skills_for(self, rid: str) -> list[Skill]:
        """The skills a responsibility draws on: those that list it, in skill order."""
        return [s for s in self.skills if rid in s.responsibilities]

    def level_name(self, lid: str) -> str:
        return next(level.name for level in self.levels if level.id == lid)


def _entry_name(items, index) -> str:
    """'sql' for skills[3] when that entry has slug 'sql'; the index otherwise."""
    try:
        item = items[index]
        return str(item.get("slug") or item.get("id") or index)
    except (AttributeError, IndexError, KeyError, TypeError):
        return str(index)


def _where(raw, loc) -> str:
    """A pydantic location such as ('skills', 3, 'expected', 'mid') as 'skills[sql].expected.mid'."""
    text, node = "", raw
    for part in loc:
        if isinstance(part, int):
            text += f"[{_entry_name(node, part)}]"
        else:
            text += ("." if text else "") + str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return text or "(top level)"


def _parse(model: type[Model], raw, file: str):
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        value = first.get("input")
        shown = "" if first["type"] == "missing" or isinstance(value, (dict, list)) else f" (got {value!r})"
        raise DataError(f"{file}: {_where(raw, first['loc'])}: {first['msg']}{shown}{more}") from None


def _read(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise DataError(f"{_display(path)}: file not found") from None
    except yaml.YAMLError as error:
        raise DataError(f"{_display(path)}: not valid YAML: {' '.join(str(error).split())}") from None


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _check(problems: list[str], condition: bool, message: str) -> None:
    if not condition:
        problems.append(message)


def _duplicates(values) -> list[str]:
    seen, repeated = set(), []
    for value in values:
        if value in seen:
            repeated.append(value)
        seen.add(value)
    return repeated


def load(data_dir: Path = DATA_DIR) -> Handbook:
    """Read, type-check and cross-check the data files; raise DataError on the first problem."""
    names = {name: _display(data_dir / f"{name}.yml") for name in ("skills", "salaries", "sources", "occupation")}
    skills_file = _parse(SkillsFile, _read(data_dir / "skills.yml"), names["skills"])
    salaries = _parse(SalariesFile, _read(data_dir / "salaries.yml"), names["salaries"])
    raw_sources = _read(data_dir / "sources.yml")
    if not isinstance(raw_sources, list):
        raise DataError(f"{names['sources']}: (top level): must be a list of sources")
    sources = [_parse(Source, raw, names["sources"] + f": [{_entry_name(raw_sources, i)}]")
               for i, raw in enumerate(raw_sources)]
    occupation = _parse(OccupationFile, _read(data_dir / "occupation.yml"), names["occupation"])

    problems: list[str] = []
    sk, sa, so, oc = names["skills"], names["salaries"], names["sources"], names["occupation"]
    for kind, file, values in [
        ("skills[].slug", sk, [s.slug for s in skills_file.skills]),
        ("responsibilities[].id", sk, [r.id for r in skills_file.responsibilities]),
        ("levels[].id", sk, [lv.id for lv in skills_file.levels]),
        ("career_levels[].id", sk, [st.id for st in skills_file.career_levels]),
        ("figures[].id", sa, [f.id for f in salaries.figures]),
        ("occupations[].id", sa, [o.id for o in salaries.occupations]),
        ("pay_laws.us[].id", sa, [law.id for law in salaries.pay_laws.us]),
        ("[].id", so, [s.id for s in sources]),
    ]:
        for value in _duplicates(values):
            problems.append(f"{file}: {kind.replace('[]', f'[{value}]')}: duplicate {value!r}")

    level_ids = [lv.id for lv in skills_file.levels]
    stage_ids = [st.id for st in skills_file.career_levels]
    resp_ids = {r.id for r in skills_file.responsibilities}
    skill_ids = {s.slug for s in skills_file.skills}
    for skill in skills_file.skills:
        where = f"{sk}: skills[{skill.slug}]"
        for stage in stage_ids:
            _check(problems, stage in skill.expected, f"{where}.expected.{stage}: missing")
        for stage, level in skill.expected.items():
            _check(problems, stage in stage_ids, f"{where}.expected.{stage}: not a career level ({', '.join(stage_ids)})")
            _check(problems, level in level_ids, f"{where}.expected.{stage}: {level!r} is not a level ({', '.join(level_ids)})")
        for rid in skill.responsibilities:
            _check(problems, rid in resp_ids, f"{where}.responsibilities: unknown responsibility {rid!r}")
        _check(problems, not (skill.esco and skill.reference), f"{where}: give esco or reference, not both")
        for lid in skill.behaviours:
            _check(problems, lid in level_ids, f"{where}.behaviours.{lid}: not a level ({', '.join(level_ids)})")
        if skill.kind == "hard" or skill.behaviours:  # a soft skill may go without, but not halfway
            for lid in level_ids:
                count = len(skill.behaviours.get(lid, []))
                _check(problems, count >= MIN_BEHAVIOURS,
                       f"{where}.behaviours.{lid}: {count} behaviours, at least {MIN_BEHAVIOURS} needed")
        for lid, items in skill.behaviours.items():
            for text in items:
                if MARKUP.search(text):
                    problems.append(f"{where}.behaviours.{lid}: {text!r}: plain text only (it is shown in the "
                                    "self-check and the downloads too): no Markdown")
                if vague := VAGUE.search(text):
                    problems.append(f"{where}.behaviours.{lid}: {text!r} rates instead of showing "
                                    f"({vague.group(0)!r}): write a verb and a result")
    for resp in skills_file.responsibilities:
        _check(problems, any(resp.id in s.responsibilities for s in skills_file.skills),
               f"{sk}: responsibilities[{resp.id}]: no skill lists it")
    for slug in skills_file.study_path:
        _check(problems, slug in skill_ids, f"{sk}: study_path: unknown skill {slug!r}")
    kit = skills_file.link_kit
    _check(problems, kit.skill in skill_ids, f"{sk}: link_kit.skill: unknown skill {kit.skill!r}")
    _check(problems, kit.level in level_ids, f"{sk}: link_kit.level: {kit.level!r} is not a level")
    _check(problems, skills_file.builder_default_stage in stage_ids,
           f"{sk}: builder_default_stage: {skills_file.builder_default_stage!r} is not a career level")

    source_ids = {s.id for s in sources}
    for source in sources:
        _check(problems, source.url is not None or source.kind == "claim",
               f"{so}: [{source.id}].url: only a claim may have no address")
    figures = {f.id: f for f in salaries.figures}
    for fig in salaries.figures:
        _check(problems, fig.source in source_ids, f"{sa}: figures[{fig.id}].source: unknown source {fig.source!r}")
    for occ in salaries.occupations:
        for key in ("median", "growth"):
            fid = getattr(occ, key)
            _check(problems, fid in figures, f"{sa}: occupations[{occ.id}].{key}: unknown figure {fid!r}")
        for point, fid in (occ.percentiles.model_dump().items() if occ.percentiles else ()):
            _check(problems, fid in figures, f"{sa}: occupations[{occ.id}].percentiles.{point}: unknown figure {fid!r}")
        values = [figures[fid].value for fid in occ.points().values() if fid in figures]
        _check(problems, values == sorted(values),
               f"{sa}: occupations[{occ.id}].percentiles: not in rising order (10th, 25th, median, 75th, 90th)")
    laws = salaries.pay_laws
    _check(problems, laws.eu.source in source_ids, f"{sa}: pay_laws.eu.source: unknown source {laws.eu.source!r}")
    for law in laws.us:
        _check(problems, law.source in source_ids, f"{sa}: pay_laws.us[{law.id}].source: unknown source {law.source!r}")
    _check(problems, occupation.median_salary in figures,
           f"{oc}: median_salary: unknown figure {occupation.median_salary!r}")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(problems[0] + more)
    return Handbook(skills_file, salaries, {s.id: s for s in sources}, occupation, figures)


_CACHE: dict = {}


def cached(data_dir: Path = DATA_DIR) -> Handbook:
    """load(), again only when a data file changed (Zensical renders each page in a fresh macro
    environment; `mkdocs serve` reloads after edits)."""
    key = (str(data_dir), tuple((p.name, p.stat().st_mtime_ns) for p in sorted(data_dir.glob("*.yml"))))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = load(data_dir)
    return _CACHE[key]
