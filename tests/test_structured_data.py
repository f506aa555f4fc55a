"""Structured data (JSON-LD) parses, has the right types and fields, and matches the page."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from conftest import ROOT
from handbook import model
from handbook.blocks import front_matter
from test_link_previews import SITE_URL, content_pages
from url_contract import unresolved

DATA_MODEL = model.load()
FAQ_HEADING = "h2"


def blocks(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "lxml")
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def of_type(html: str, kind: str) -> dict:
    found = [b for b in blocks(html) if b.get("@type") == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article")
    return re.sub(r"\s+", " ", article.get_text())


def occupation_problems(occupation: dict, page_text: str) -> list[str]:
    problems = []
    for field in ("name", "description", "occupationalCategory", "responsibilities", "skills",
                  "educationRequirements", "qualifications", "estimatedSalary", "mainEntityOfPage"):
        if not occupation.get(field):
            problems.append(f"Occupation: no {field}")
    salary = occupation.get("estimatedSalary") or {}
    if salary.get("@type") != "MonetaryAmountDistribution" or salary.get("currency") != "USD" \
            or salary.get("duration") != "P1Y":
        problems.append("Occupation: estimatedSalary is not a USD, P1Y MonetaryAmountDistribution")
    for key in ("median", "percentile10", "percentile25", "percentile75", "percentile90"):
        if key in salary and f"${salary[key]:,}" not in page_text:
            problems.append(f"Occupation: salary {key} {salary[key]} is not shown on the page")
    if "median" not in salary:
        problems.append("Occupation: estimatedSalary has no median")
    for text_field in ("educationRequirements", "qualifications"):
        if occupation.get(text_field) and occupation[text_field] not in page_text:
            problems.append(f"Occupation: {text_field} is not shown on the page")
    return problems


def test_every_json_ld_block_parses_with_schema_org_context(site_dir):
    count = 0
    for file in content_pages(site_dir):
        for block in blocks(file.read_text(encoding="utf-8")):
            assert block["@context"] == "https://schema.org" and block["@type"], file
            count += 1
    assert count >= 23


def test_home_page_declares_the_website_and_its_search(site_dir):
    site = of_type((site_dir / "index.html").read_text(encoding="utf-8"), "WebSite")
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == SITE_URL.rstrip("/") + "/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_role_page_describes_the_occupation_as_the_page_does(site_dir):
    html = (site_dir / "role/index.html").read_text(encoding="utf-8")
    occupation = of_type(html, "Occupation")
    assert occupation_problems(occupation, visible_text(html)) == []
    assert occupation["occupationalCategory"]["codeValue"] == "15-1221"
    assert occupation["responsibilities"] == [r.name for r in DATA_MODEL.responsibilities]
    terms = {t["name"]: t for t in occupation["skills"]}
    for skill in DATA_MODEL.skills:
        term = terms[skill.name]
        assert term["@type"] == "DefinedTerm"
        assert term["url"] == f"{SITE_URL.rstrip('/')}/skills/{skill.slug}/"
        assert term.get("sameAs") == (skill.esco.uri if skill.esco else None)
    assert unresolved(site_dir, [t["url"][len(SITE_URL.rstrip("/")):] for t in terms.values()]) == []
    reviewed = front_matter(ROOT / "docs/role.md")["reviewed"]
    assert occupation["mainEntityOfPage"]["lastReviewed"] == str(reviewed)


def test_occupation_check_reports_missing_fields_and_hidden_numbers():
    planted = {"name": "x", "estimatedSalary": {"@type": "MonetaryAmountDistribution",
               "currency": "USD", "duration": "P1Y", "median": 999999}}
    problems = occupation_problems(planted, "no figures here")
    assert "Occupation: no skills" in problems
    assert "Occupation: salary median 999999 is not shown on the page" in problems


def test_faq_structured_data_matches_the_questions_and_answers_shown(site_dir):
    html = (site_dir / "faq/index.html").read_text(encoding="utf-8")
    faq = of_type(html, "FAQPage")
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article")
    for link in article.select(".headerlink"):
        link.decompose()
    shown = [" ".join(h.get_text().split()) for h in article.find_all(FAQ_HEADING)]
    asked = [q["name"] for q in faq["mainEntity"]]
    assert asked == shown and len(asked) >= 12
    paragraphs = " ".join(" ".join(p.get_text().split()) for p in article.find_all("p"))
    for question in faq["mainEntity"]:
        assert question["@type"] == "Question"
        answer = question["acceptedAnswer"]["text"]
        assert answer and answer in paragraphs, question["name"]


def test_inner_pages_carry_a_breadcrumb_trail_ending_at_themselves(site_dir):
    for file in content_pages(site_dir):
        if file == site_dir / "index.html":
            continue
        html = file.read_text(encoding="utf-8")
        trail = of_type(html, "BreadcrumbList")["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(trail) + 1))
        assert trail[0]["item"] == SITE_URL.rstrip("/") + "/"
        canonical = BeautifulSoup(html, "lxml").find("link", rel="canonical")["href"]
        assert trail[-1]["item"] == canonical
