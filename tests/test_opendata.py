"""The downloads under /data/ and /llms.txt: written by the post-build step, valid against their
schemas, and saying what the pages say (each check has a planted fault it must report)."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from bs4 import BeautifulSoup

from content_rules import level_problems
from handbook import model, opendata, site_config
from handbook.blocks import url_of
from url_contract import page_file

DATA = model.load()
JSON_FILES = [path for _, path, fmt, *_ in opendata.FILES if fmt == "json"]
CSV_FILES = {path: columns for _, path, fmt, _, _, columns in opendata.FILES if fmt == "csv"}


def load(site_dir, path):
    text = (site_dir / "data" / path).read_text(encoding="utf-8")
    return json.loads(text) if path.endswith(".json") else list(csv.DictReader(io.StringIO(text)))


# ---- the files and their schemas --------------------------------------------------------------

@pytest.mark.parametrize("path", JSON_FILES)
def test_each_json_file_validates_against_its_schema(site_dir, path):
    schema = load(site_dir, path.replace(".json", ".schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(load(site_dir, path), schema)


def test_schema_check_rejects_a_planted_bad_file(site_dir):
    skills = load(site_dir, "skills.json")
    skills["skills"][0]["expected"] = "working"  # a string where a mapping of stages belongs
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(skills, load(site_dir, "skills.schema.json"))


def test_the_data_package_describes_every_file_with_licence_and_date(site_dir):
    package = load(site_dir, "datapackage.json")
    files = sorted(p.name for p in (site_dir / "data").iterdir() if p.suffix in (".json", ".csv")
                   and p.name != "datapackage.json" and not p.name.endswith(".schema.json"))
    assert sorted(r["path"] for r in package["resources"]) == files
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", package["version"])
    for resource in package["resources"]:
        assert resource["licenses"] and resource["format"] in ("json", "csv")
        if resource["format"] == "csv":  # the Table Schema names the CSV's columns, in order
            header = (site_dir / "data" / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
            assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
        else:
            assert (site_dir / "data" / resource["schema"]).is_file()


# ---- the files say what the pages say ---------------------------------------------------------

def figure_mismatches(figures: list[dict], page_text: str) -> list[str]:
    """Figures of figures.json that the page does not show exactly as the file says."""
    return [f"{f['id']}: {f['shown_as']}" for f in figures if f["shown_as"] not in page_text]


def salary_text(site_dir) -> str:
    html = page_file(site_dir, "/salary/").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", BeautifulSoup(html, "lxml").get_text(" "))


def test_every_figure_in_figures_json_is_the_one_the_pay_page_shows(site_dir):
    figures = load(site_dir, "figures.json")["figures"]
    assert {f["id"] for f in figures} == set(DATA.figures)
    assert figure_mismatches(figures, salary_text(site_dir)) == []
    for f in figures:
        assert f["source"]["id"] in DATA.sources and f["checked"] and f["period"]


def test_figure_check_reports_a_planted_mismatch(site_dir):
    figures = load(site_dir, "figures.json")["figures"]
    planted = dict(figures[0], shown_as="$999,999 a year")
    assert figure_mismatches([planted, *figures[1:]], salary_text(site_dir)) == [f"{planted['id']}: $999,999 a year"]


def matrix(site_dir) -> dict[tuple[str, str], str]:
    """(skill name, stage name) -> level name, as the skills overview's matrix shows it."""
    soup = BeautifulSoup(page_file(site_dir, "/skills/").read_text(encoding="utf-8"), "lxml")
    table = soup.find(id="matrix").find_next("table")
    stages = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    shown = {}
    for row in table.select("tbody tr"):
        cells = [" ".join(td.get_text().split()) for td in row.find_all("td")]
        shown.update({(cells[0], stage): level for stage, level in zip(stages, cells[1:])})
    return shown


def test_levels_and_behaviours_in_skills_json_are_what_the_pages_show(site_dir):
    exported = load(site_dir, "skills.json")
    names = {lv["id"]: lv["name"] for lv in exported["levels"]}
    stages = {st["id"]: st["name"] for st in exported["career_stages"]}
    shown = matrix(site_dir)
    for skill in exported["skills"]:
        for stage, level in skill["expected"].items():
            assert shown[skill["name"], stages[stage]] == names[level], (skill["slug"], stage)
        if skill["kind"] == "hard":
            html = page_file(site_dir, f"/skills/{skill['slug']}/").read_text(encoding="utf-8")
            assert level_problems(html, list(names), skill["behaviours"]) == [], skill["slug"]


def test_skills_csv_has_a_row_per_skill_and_stage_agreeing_with_skills_json(site_dir):
    rows = load(site_dir, "skills.csv")
    exported = {s["slug"]: s for s in load(site_dir, "skills.json")["skills"]}
    assert len(rows) == len(exported) * len(DATA.stages)
    for row in rows:
        skill = exported[row["skill"]]
        assert row["expected_level"] == skill["expected"][row["career_stage"]]
        behaviours = skill["behaviours"].get(row["expected_level"], [])
        assert row["behaviours"] == opendata.SEPARATOR.join(behaviours)
        assert row["level_url"] == skill["level_urls"][row["expected_level"]]


def test_crosswalk_holds_each_skill_with_its_esco_concept(site_dir):
    rows = {row["skill"]: row for row in load(site_dir, "crosswalk.csv")}
    assert list(rows) == [s.slug for s in DATA.skills]
    for skill in DATA.skills:
        assert rows[skill.slug]["esco_uri"] == (skill.esco.uri if skill.esco else "")
        assert rows[skill.slug]["sfia_code"] == (skill.sfia or "")


def test_the_data_page_links_every_file_and_describes_it_as_a_dataset(site_dir):
    html = page_file(site_dir, "/data/").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    links = {a["href"] for a in soup.select("article a[href]")}
    for _, path, fmt, *_ in opendata.FILES:
        assert path in links and (site_dir / "data" / path).is_file()
    datasets = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')
                if '"Dataset"' in s.string]
    assert len(datasets) == 1
    assert {d["contentUrl"].rsplit("/", 1)[1] for d in datasets[0]["distribution"]} == {
        path for _, path, *_ in opendata.FILES}


# ---- llms.txt ---------------------------------------------------------------------------------

def llms_missing(text: str, site_url: str) -> list[str]:
    """Navigation pages that llms.txt does not list with their address and description."""
    missing = []
    for page in site_config.nav_pages():
        description = " ".join(str(page_meta(page.src).get("description", "")).split())
        if f"({site_url}{url_of(page.src)}): {description}" not in text:
            missing.append(page.src)
    return missing


def page_meta(src: str) -> dict:
    from handbook import DOCS
    from handbook.blocks import front_matter
    return front_matter(DOCS / src)


SITE_URL = site_config.site_url().rstrip("/") + "/"


def test_llms_txt_lists_every_page_with_its_description(site_dir):
    text = (site_dir / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# ML Engineer Handbook\n\n> ")
    assert llms_missing(text, SITE_URL) == []
    full = (site_dir / "llms-full.txt").read_text(encoding="utf-8")
    for page in site_config.nav_pages():
        assert f"Source: {SITE_URL}{url_of(page.src)}\n" in full, page.src
    assert "What a strong answer covers" in full and "{{" not in full


def test_llms_check_reports_a_page_left_out(site_dir):
    text = (site_dir / "llms.txt").read_text(encoding="utf-8")
    planted = "\n".join(line for line in text.splitlines() if f"({SITE_URL}skills/sql/)" not in line)
    assert llms_missing(planted, SITE_URL) == ["skills/sql.md"]
