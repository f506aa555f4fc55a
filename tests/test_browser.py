"""Smoke tests in real Chromium: the site renders and Material's own search finds pages."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_without_errors(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    assert "Machine Learning Engineer" in page.locator("h1").first.inner_text()
    assert page.locator(".md-nav").first.is_visible() or page.locator(".md-header").is_visible()
    assert page.errors == [], "\n".join(page.errors)


def search(page, query):
    """Type into Material's search box and return the result links (hrefs) in order."""
    page.locator(".md-search__input").click()
    # Material reacts to key events, so type like a person instead of fill()
    page.locator(".md-search__input").press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_typing_a_word_from_a_page_lists_that_page(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    results = search(page, "licence")
    assert any("/about/" in href for href in results), results
    assert page.errors == [], "\n".join(page.errors)
