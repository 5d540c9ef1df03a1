"""Issue 5: the home page, the navigation and the links between an article and its organizations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from generator.catalog import Catalog

from ..helpers import load_mkdocs_config
from .support import Reader

pytestmark = pytest.mark.browser


def nav_entries() -> list[tuple[str, str]]:
    """(title, site URL) of every entry of the configured navigation."""
    config = load_mkdocs_config()
    entries = []
    for item in config["nav"]:
        [(title, src)] = item.items()
        stem = src.removesuffix(".md").removesuffix("index")
        entries.append((title, stem.rstrip("/") + "/" if stem else ""))
    return entries


def test_home_loads_cleanly(reader: Reader, catalog: Catalog) -> None:
    page = reader.goto("")
    page.wait_for_load_state("networkidle")  # includes Material's search index and worker
    expect(page.locator(".portal-home")).to_be_visible()
    newest = catalog.article_list[0]
    expect(page.locator(".portal-card__title a").first).to_have_text(newest.title)
    assert reader.problems == []


def test_navigation_reaches_every_index(reader: Reader) -> None:
    entries = nav_entries()
    assert len(entries) >= 8
    page = reader.goto("")
    for title, url in entries:
        page.locator(".md-tabs__link", has_text=title).first.click()
        page.wait_for_url(reader.url(url))
        expect(page.locator(".md-content h1").first).to_be_visible()
        active = page.locator(".md-tabs__item--active .md-tabs__link")
        expect(active).to_have_text(title)
    page.wait_for_load_state("networkidle")
    assert reader.problems == []


def test_article_metadata_leads_to_the_organization_and_back(reader: Reader, catalog: Catalog) -> None:
    article = next(a for a in catalog.article_list if a.organizations)
    organization = article.organizations[0]
    page = reader.goto(article.url)
    panel = page.locator(".portal-meta")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_have_text("In this article")
    chip = panel.locator(f"a.portal-chip--organization[href$='{organization.url}']").first
    expect(chip).to_be_visible()
    chip.click()
    page.wait_for_url(reader.url(organization.url))
    expect(page.locator("h1").first).to_contain_text(organization.name)
    listed = reader.link_paths("section[aria-labelledby='articles'] .portal-card__title a")
    assert article.url in listed
    assert reader.problems == []
