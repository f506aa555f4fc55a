"""The markup this project writes is valid HTML by the Nu HTML checker (Java). Errors in Material's
own templates are listed by scripts/validate_html.py, not failed on here."""

from handbook.html_validation import project_errors


def test_project_markup_has_no_html_errors(site_dir, java):
    assert project_errors(site_dir) == []


def test_validator_reports_a_planted_error(tmp_path, java):
    (tmp_path / "page").mkdir()
    (tmp_path / "page/index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<article class="md-content__inner"><h2 id="twice">A</h2><h2 id="twice">B</h2></article>'
        "</body></html>", encoding="utf-8")
    errors = project_errors(tmp_path)
    assert len(errors) == 1 and errors[0].startswith("page/index.html: Duplicate ID")
