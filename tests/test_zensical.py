"""The same source builds with Zensical, Material's successor, as it does with MkDocs.

Zensical runs no MkDocs hooks but runs the macros module, so every figure, block and tool must
render under it too. It has no --site-dir option: it builds a temporary copy of the project.
What only MkDocs produces is listed in MKDOCS_ONLY, with the reason.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project
from content_rules import published_source_files, raw_template_syntax
from handbook import model
from handbook.blocks import format_value
from handbook.build import zensical_build
from handbook.site_config import load_config
from test_content import published_urls
from url_contract import page_file, unresolved

# Published URLs Zensical does not produce, with the reason. Empty today: keep it that way, or say why.
MKDOCS_ONLY: dict[str, str] = {}


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("zensical")
    copy_project(project)
    proc = zensical_build(project)
    if proc.returncode != 0:
        pytest.fail("the Zensical build failed:\n" + (proc.stdout + proc.stderr)[-3000:], pytrace=False)
    return project / "site"


def text_of(file) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").get_text(" "))


def content_urls() -> list[str]:
    return sorted({url.partition("#")[0] for url in published_urls()})


def test_every_published_url_and_id_exists_under_zensical(zensical_site):
    urls = [url for url in published_urls() if url not in MKDOCS_ONLY]
    assert unresolved(zensical_site, urls) == []


def test_no_page_keeps_a_raw_marker_or_template_syntax(zensical_site, site_dir):
    for site in (zensical_site, site_dir):
        problems = {f"{p.relative_to(site)}: {raw_template_syntax(p.read_text(encoding='utf-8'))}"
                    for p in site.rglob("*.html") if raw_template_syntax(p.read_text(encoding="utf-8"))}
        assert problems == set(), f"{site.name}:\n" + "\n".join(sorted(problems))


def test_raw_syntax_check_reports_planted_leftovers():
    html = '<p>Pay is {{ fact("x") }} and <!-- data:skills-matrix --> here; {% if %}</p><script>{{ ok }}</script>'
    assert raw_template_syntax(html) == ["%}", "<!-- data:", "{%", "{{", "}}"]
    assert raw_template_syntax("<p>Plain text with C++ and {braces}</p>") == []


def test_every_figure_appears_where_mkdocs_shows_it(zensical_site, site_dir):
    values = {fig.id: format_value(fig) for fig in model.load().figures.values()}
    missing = []
    for url in content_urls():
        mkdocs_file, zensical_file = page_file(site_dir, url), page_file(zensical_site, url)
        if not mkdocs_file.is_file() or "http-equiv=\"refresh\"" in mkdocs_file.read_text(encoding="utf-8"):
            continue
        shown, zensical_text = text_of(mkdocs_file), text_of(zensical_file)
        missing += [f"{url}: {fid} ({value})" for fid, value in values.items()
                    if value in shown and value not in zensical_text]
    assert missing == []


def test_both_tools_and_the_data_blocks_render_under_zensical(zensical_site):
    career = page_file(zensical_site, "/career/").read_text(encoding="utf-8")
    hiring = page_file(zensical_site, "/hiring/").read_text(encoding="utf-8")
    salary = page_file(zensical_site, "/salary/").read_text(encoding="utf-8")
    data = model.load()
    for html, form, script in [(career, "self-check-form", "self-check.js"),
                               (hiring, "posting-builder-form", "posting-builder.js")]:
        soup = BeautifulSoup(html, "lxml")
        assert soup.find("form", id=form), form
        assert soup.find("script", id="handbook-tools-data"), form
        assert soup.find("script", src=re.compile(re.escape(script))), script
    assert len(BeautifulSoup(career, "lxml").select("#self-check-form input[type=radio]")) == \
        len(data.skills) * len(data.levels)
    assert '<svg class="pay-ranges__track"' in salary and 'class="pay-ranges-table"' in salary
    assert (zensical_site / "assets/tools/self-check.js").is_file()


def test_neither_engine_publishes_a_source_file(zensical_site, site_dir):
    assert published_source_files(zensical_site) == []
    assert published_source_files(site_dir) == []


def test_source_file_check_reports_planted_files(tmp_path):
    for name in ("hooks/data.py", "partials/toggle.js", "data/skills.yml", "index.html", "assets/app.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert published_source_files(tmp_path) == ["data/skills.yml", "hooks/data.py", "partials/toggle.js"]


def test_downloads_and_llms_txt_are_the_same_under_zensical(zensical_site, site_dir):
    """The post-build step writes them after either engine, from the data and the navigation."""
    for name in ("data/skills.json", "data/figures.json", "data/skills.csv", "data/datapackage.json", "llms.txt"):
        assert (zensical_site / name).read_bytes() == (site_dir / name).read_bytes(), name
    assert (zensical_site / "data" / "index.html").is_file()  # the /data/ page itself
    assert "Source: " in (zensical_site / "llms-full.txt").read_text(encoding="utf-8")


def test_the_colour_toggle_replaces_materials_palette_under_zensical(zensical_site):
    """Zensical reads the same overrides: the toggle's markup without Material's palette
    component, and the inline script that runs it (test_browser.py tests what it does)."""
    soup = BeautifulSoup(page_file(zensical_site, "/").read_text(encoding="utf-8"), "lxml")
    assert soup.select("[data-md-component=palette]") == []
    palettes = load_config()["theme"]["palette"]  # one radio per palette in mkdocs.yml
    assert len(soup.select("form[data-handbook-palette] input[name=__palette]")) == len(palettes)
    assert any("data-handbook-palette" in (script.string or "") for script in soup.find_all("script"))
