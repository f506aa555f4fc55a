"""Structured data (schema.org JSON-LD) and robots.txt, built from the same data files as the pages.

- Home page: WebSite with a SearchAction on the site's own search link (/?q=...).
- /role/: Occupation, from occupation.yml, skills.yml and salaries.yml.
- /faq/: FAQPage, from the questions and answers on the rendered page itself.
- Every other page: BreadcrumbList.
overrides/main.html writes page.meta["jsonld"] with Jinja's tojson filter, which escapes <, > and &.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from handbook_data import DATA, page_url


def absolute(config, page) -> str:
    return config["site_url"].rstrip("/") + "/" + page.url


def website(config) -> dict:
    base = config["site_url"].rstrip("/") + "/"
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config["site_name"],
        "url": base,
        "description": config["site_description"],
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": base + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def occupation(config, page) -> dict:
    occ, skills = DATA["occupation"], DATA["skills"]
    median = DATA["figures"][occ["median_salary"]]
    cat = occ["occupational_category"]
    terms = []
    for skill in skills["skills"]:
        term = {"@type": "DefinedTerm", "name": skill["name"],
                "url": page_url(f"skills/{skill['slug']}.md")}
        if skill.get("esco"):
            term["sameAs"] = skill["esco"]["uri"]
        terms.append(term)
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": occ["name"],
        "alternateName": occ["alternate_names"],
        "description": " ".join(occ["description"].split()),
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": cat["code"],
            "name": cat["name"],
            "inCodeSet": {"@type": "CategoryCodeSet", "name": cat["code_set"], "url": cat["code_set_url"]},
            "description": "Closest code: there is no US occupation code for machine learning engineer.",
        },
        "responsibilities": [r["name"] for r in skills["responsibilities"]],
        "skills": terms,
        "educationRequirements": " ".join(occ["education_requirements"].split()),
        "qualifications": " ".join(occ["qualifications"].split()),
        "estimatedSalary": {
            "@type": "MonetaryAmountDistribution",
            "name": f"BLS median, {cat['code']} {cat['name']}, {median['period']}",
            "currency": "USD",
            "duration": "P1Y",
            "median": median["value"],
        },
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": absolute(config, page),
            "lastReviewed": str(page.meta["reviewed"]),
        },
    }


def faq(html: str, where: str) -> dict:
    """FAQPage from the rendered page: each h2 is a question, the paragraphs after it its answer."""
    soup = BeautifulSoup(html, "html.parser")
    entities = []
    for heading in soup.find_all("h2"):
        for link in heading.select(".headerlink"):
            link.decompose()
        answer = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            if sibling.name == "p":
                answer.append(" ".join(sibling.get_text().split()))
        if not answer:
            raise PluginError(f"{where}: question {heading.get_text()!r} has no answer paragraph")
        entities.append({
            "@type": "Question",
            "name": " ".join(heading.get_text().split()),
            "acceptedAnswer": {"@type": "Answer", "text": " ".join(answer)},
        })
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}


def breadcrumbs(config, page) -> dict:
    base = config["site_url"].rstrip("/") + "/"
    trail = [("Home", base)]
    for section in reversed(page.ancestors):
        index = next((c for c in section.children if c.is_page and c.file.name == "index"), None)
        if index is not None and index is not page:
            trail.append((section.title, absolute(config, index)))
    trail.append((page.meta.get("title") or page.title, absolute(config, page)))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, 1)
        ],
    }


def on_page_content(html, page, config, files):
    if page.is_homepage:
        page.meta["jsonld"] = [website(config)]
    elif page.url == "role/":
        page.meta["jsonld"] = [occupation(config, page), breadcrumbs(config, page)]
    elif page.url == "faq/":
        page.meta["jsonld"] = [faq(html, page.file.src_uri), breadcrumbs(config, page)]
    else:
        page.meta["jsonld"] = [breadcrumbs(config, page)]
    return html


def on_post_build(config):
    base = config["site_url"].rstrip("/") + "/"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
    (Path(config["site_dir"]) / "robots.txt").write_text(robots, encoding="utf-8")
