"""Every link in the built HTML works, templates and raw HTML included."""

from pathlib import Path

from handbook import pdf
from handbook.link_check import check_site

FIXTURE = Path(__file__).parent / "fixtures" / "broken-site"


# Written by scripts/pdf after the tested build; the publishing workflow checks the links again
# once it exists (tests/test_workflows.py checks that it does).
PRINT_EDITION = frozenset({pdf.PRINT_EDITION})


def test_built_site_has_no_broken_links_or_anchors(site_dir):
    problems = check_site(site_dir, later=PRINT_EDITION)
    assert problems == [], "\n".join(problems)


def test_links_to_the_print_edition_count_as_broken_until_it_exists(site_dir):
    """Without `later` (as the workflow runs it after scripts/pdf), a missing PDF is reported."""
    problems = [p for p in check_site(site_dir) if "handbook.pdf" in p]
    assert {p.split(":")[0] for p in problems} >= {"index.html", "about/index.html"}, problems


def test_link_checker_reports_each_planted_fault():
    problems = check_site(FIXTURE)
    assert sorted(problems) == sorted([
        "index.html: broken link: missing-page/ (no file at missing-page/)",
        "index.html: broken anchor: guide/#no-such-section (no id 'no-such-section' on guide/index.html)",
        "index.html: external link is not https: http://example.com/",
        "index.html: loads a resource from another origin: https://cdn.example.com/tracker.js",
    ])
