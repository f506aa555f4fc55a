"""The handbook's data files, loaded once per build and shared by the hooks.

Not a hook itself: data_markers.py and structured_data.py import it (MkDocs puts the hooks folder
on sys.path while loading them), so both read the same DATA.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import yaml
from mkdocs.exceptions import PluginError

DATA_DIR = Path(__file__).resolve().parents[2] / "docs" / "data"

# Loaded once per build in on_config, so `mkdocs serve` picks up edits to the data files.
DATA: dict = {}
CONFIG: dict = {}  # the few config values blocks need (site_url)


def load_data(data_dir: Path = DATA_DIR) -> dict:
    """Read and cross-check the data files; raise PluginError on anything inconsistent."""

    def read(name):
        with open(data_dir / name, encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    skills = read("skills.yml")
    occupation = read("occupation.yml")
    salaries = read("salaries.yml")
    sources = {entry["id"]: entry for entry in read("sources.yml")}
    figures = {entry["id"]: entry for entry in salaries["figures"]}
    skill_ids = {skill["slug"] for skill in skills["skills"]}
    resp_ids = {resp["id"] for resp in skills["responsibilities"]}
    level_ids = {level["id"] for level in skills["levels"]}
    career_ids = [stage["id"] for stage in skills["career_levels"]]

    problems = []
    for fig in figures.values():
        if not isinstance(fig.get("period"), str):
            problems.append(f"figure {fig['id']}: period must be a quoted string")
        if not isinstance(fig.get("checked"), dt.date):
            problems.append(f"figure {fig['id']}: checked must be a date (YYYY-MM-DD)")
        if fig["source"] not in sources:
            problems.append(f"figure {fig['id']}: unknown source {fig['source']!r}")
    for occ in salaries["occupations"]:
        for key in ("median", "growth"):
            if occ[key] not in figures:
                problems.append(f"occupation {occ['id']}: unknown figure {occ[key]!r}")
    for skill in skills["skills"]:
        for stage in career_ids:
            if skill["expected"].get(stage) not in level_ids:
                problems.append(f"skill {skill['slug']}: no valid expected level for {stage!r}")
        for rid in skill["responsibilities"]:
            if rid not in resp_ids:
                problems.append(f"skill {skill['slug']}: unknown responsibility {rid!r}")
    for resp in skills["responsibilities"]:
        for sid in resp["skills"]:
            if sid not in skill_ids:
                problems.append(f"responsibility {resp['id']}: unknown skill {sid!r}")
    if occupation["median_salary"] not in figures:
        problems.append(f"occupation.yml: unknown figure {occupation['median_salary']!r}")
    if problems:
        raise PluginError("Data files are inconsistent:\n  " + "\n  ".join(problems))
    return {"skills": skills, "salaries": salaries, "sources": sources, "figures": figures,
            "occupation": occupation}


# ----------------------------------------------------------------------------------------------
# Formatting helpers
# ----------------------------------------------------------------------------------------------


def format_date(value) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def format_value(fig: dict) -> str:
    value, unit = fig["value"], fig["unit"]
    number = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return {
        "usd-year": f"${number} a year",
        "usd-year-about": f"about ${number} a year",
        "percent": f"{number}%",
        "percent-growth": f"+{number}%",
        "count": number,
        "count-per-year": f"about {number} a year",
    }[unit]


def esco_page(uri: str) -> str:
    """ESCO URIs are http:// identifiers; readers get the https page that describes them."""
    return "https://esco.ec.europa.eu/en/classification/skill?uri=" + quote(uri, safe="")


def page_url(target: str) -> str:
    """The absolute published URL of a docs file such as 'skills/sql.md#why'."""
    path, _, anchor = target.partition("#")
    path = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    return CONFIG["site_url"].rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


