"""The data model stops a bad data file with one line naming the file, the entry and the field,
under both engines; and what the data promises holds (each relation stored once, derived both ways)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import build_project_copy, copy_project
from handbook import DATA_DIR, model
from handbook.build import zensical_build

SKILLS, SALARIES, SOURCES = "skills.yml", "salaries.yml", "sources.yml"

# (file, change to its text, the line the build must print)
PLANTED = {
    "unknown skill in a relation": (
        SKILLS, lambda t: t.replace("study_path: [python,", "study_path: [pythn,"),
        "docs/data/skills.yml: study_path: unknown skill 'pythn'"),
    "unknown responsibility": (
        SKILLS, lambda t: t.replace("responsibilities: [deployment, re-engineering]", "responsibilities: [deploying, re-engineering]"),
        "docs/data/skills.yml: skills[flask].responsibilities: unknown responsibility 'deploying'"),
    "figure without a period": (
        SALARIES, lambda t: t.replace("value: 133080, unit: usd-year, period: May 2024,", "value: 133080, unit: usd-year,"),
        "docs/data/salaries.yml: figures[software-developers-median].period: Field required"),
    "figure without a source": (
        SALARIES, lambda t: t.replace("value: 112590, unit: usd-year, period: May 2024, source: bls-oews-152051,", "value: 112590, unit: usd-year, period: May 2024,"),
        "docs/data/salaries.yml: figures[data-scientists-median].source: Field required"),
    "figure with an unknown source": (
        SALARIES, lambda t: t.replace("source: bls-oews-151252, checked: 2026-11-27, confidence: B,\n     label: \"Median", "source: bls-oews-15125, checked: 2026-11-27, confidence: B,\n     label: \"Median"),
        "docs/data/salaries.yml: figures[software-developers-median].source: unknown source 'bls-oews-15125'"),
    "percentiles out of order": (
        SALARIES, lambda t: t.replace("{p10: software-developers-p10, p25: software-developers-p25,", "{p10: software-developers-p25, p25: software-developers-p10,"),
        "docs/data/salaries.yml: occupations[software-developers].percentiles: not in rising order (10th, 25th, median, 75th, 90th)"),
    "a pay law with an unknown source": (
        SALARIES, lambda t: t.replace("source: law-vermont,", "source: law-vermon,"),
        "docs/data/salaries.yml: pay_laws.us[vermont].source: unknown source 'law-vermon'"),
    "duplicate slug": (
        SKILLS, lambda t: t.replace("  - slug: cpp\n", "  - slug: python\n"),
        "docs/data/skills.yml: skills[python].slug: duplicate 'python'"),
    "wrong type": (
        SALARIES, lambda t: t.replace("value: 140910,", "value: \"140,910\","),
        "docs/data/salaries.yml: figures[research-scientists-median].value"),
    "period not quoted": (
        SALARIES, lambda t: t.replace('period: "2021", source: seed-2021, checked: 2026-11-27, confidence: C,\n     label: "Average', 'period: 2021, source: seed-2021, checked: 2026-11-27, confidence: C,\n     label: "Average'),
        "docs/data/salaries.yml: figures[seed-2021-average].period: Input should be a valid string (got 2021)"),
    "too few behaviours at a level": (
        SKILLS, lambda t: t.replace("        - Points to the primary key of a table and explains why it must be unique.\n", ""),
        "docs/data/skills.yml: skills[sql].behaviours.awareness: 2 behaviours, at least 3 needed"),
    "a soft skill with behaviours at some levels only": (
        SKILLS, lambda t: t.replace("        - Turns a business goal into an ML roadmap for several teams, and the teams agree to it.\n"
                                    "        - Coaches an engineer through scoping and running their first project, reviewing the "
                                    "plan and stepping back once it runs.\n", ""),
        "docs/data/skills.yml: skills[soft-skills].behaviours.expert: 2 behaviours, at least 3 needed"),
    "a behaviour that rates instead of showing": (
        SKILLS, lambda t: t.replace("Runs a query from a notebook and loads the result into a pandas DataFrame.",
                                    "Has a good understanding of joins."),
        ("docs/data/skills.yml: skills[sql].behaviours.awareness: 'Has a good understanding of joins.' rates "
         "instead of showing ('good understanding')")),
    "a behaviour with Markdown": (
        SKILLS, lambda t: t.replace("Runs a query from a notebook", "Runs a `SELECT` from a notebook"),
        "docs/data/skills.yml: skills[sql].behaviours.awareness: 'Runs a `SELECT` from a notebook"),
    "source without an address": (
        SOURCES, lambda t: t.replace("url: https://www.bls.gov/oes/2024/may/oes152051.htm", "url: null"),
        "docs/data/sources.yml: [bls-oews-152051].url: only a claim may have no address"),
}


def planted_data(tmp_path, name):
    file, change, _ = PLANTED[name]
    data = tmp_path / "docs" / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("fonts"))
    before = (data / file).read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the planted change for {name!r} no longer applies: update the test"
    (data / file).write_text(after, encoding="utf-8")
    return data


def test_the_data_files_load():
    data = model.load()
    assert data.skills and data.responsibilities and data.figures


@pytest.mark.parametrize("name", PLANTED)
def test_a_bad_data_file_is_named_with_its_entry_and_field(tmp_path, monkeypatch, name):
    monkeypatch.setattr(model, "ROOT", tmp_path)  # messages name files relative to the project
    data = planted_data(tmp_path, name)
    with pytest.raises(model.DataError) as error:
        model.load(data)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(PLANTED[name][2]), message


def test_each_relation_is_stored_once_and_derived_the_other_way():
    data = model.load()
    for resp in data.responsibilities:
        assert data.skills_for(resp.id), f"{resp.id}: no skill draws on it"
        assert all(resp.id in s.responsibilities for s in data.skills_for(resp.id))
    assert "skills" not in model.Responsibility.model_fields


def first_error_line(output: str) -> str | None:
    return next((line for line in output.splitlines() if "docs/data/" in line and ": " in line), None)


def test_mkdocs_build_stops_on_a_bad_data_file_with_the_line(tmp_path):
    _, _, expected = PLANTED["duplicate slug"]
    proc, _ = build_project_copy(tmp_path, "docs/data/skills.yml", PLANTED["duplicate slug"][1])
    assert proc.returncode != 0
    assert expected in first_error_line(proc.stderr), proc.stderr[-2000:]


def test_zensical_build_stops_on_a_bad_data_file_with_the_line(tmp_path):
    _, change, expected = PLANTED["figure without a source"]
    copy_project(tmp_path)
    salaries = tmp_path / "docs/data/salaries.yml"
    salaries.write_text(change(salaries.read_text(encoding="utf-8")), encoding="utf-8")
    proc = zensical_build(tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output[-2000:]
    assert expected in (first_error_line(output) or ""), output[-2000:]
    assert not re.search(r"Macro Rendering Error", output)


def test_a_page_calling_an_unknown_figure_stops_both_engines(tmp_path):
    change = lambda text: text + '\n\nPay: {{ fact("no-such-figure") }}\n'
    proc, _ = build_project_copy(tmp_path / "mkdocs", "docs/about.md", change)
    assert proc.returncode != 0 and "docs/about.md: fact('no-such-figure'): unknown figure" in proc.stderr
    copy_project(tmp_path / "zensical")
    about = tmp_path / "zensical/docs/about.md"
    about.write_text(change(about.read_text(encoding="utf-8")), encoding="utf-8")
    proc = zensical_build(tmp_path / "zensical")
    assert proc.returncode != 0 and "docs/about.md: fact('no-such-figure'): unknown figure" in proc.stdout + proc.stderr
