"""Issue 5: the home page, the navigation and the links between an article and its organizations (fixture site)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from generator.catalog.graph import Catalog

from .. import fixture_site as fx
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


def test_home_loads_cleanly(fixture_reader: Reader, fixture_catalog: Catalog) -> None:
    page = fixture_reader.goto("")
    page.wait_for_load_state("networkidle")  # includes Material's search index and worker
    expect(page.locator(".portal-home")).to_be_visible()
    expect(page.locator(".portal-card__title a").first).to_have_text(fixture_catalog.articles[fx.NEWEST_ID].title)
    assert fixture_reader.problems == []


def test_navigation_reaches_every_index(fixture_reader: Reader) -> None:
    entries = nav_entries()
    assert len(entries) >= 8
    page = fixture_reader.goto("")
    for title, url in entries:
        page.locator(".md-tabs__link", has_text=title).first.click()
        page.wait_for_url(fixture_reader.url(url))
        expect(page.locator(".md-content h1").first).to_be_visible()
        active = page.locator(".md-tabs__item--active .md-tabs__link")
        expect(active).to_have_text(title)
    page.wait_for_load_state("networkidle")
    assert fixture_reader.problems == []


def test_article_metadata_leads_to_the_organization_and_back(fixture_reader: Reader,
                                                             fixture_catalog: Catalog) -> None:
    article = fixture_catalog.articles[fx.IMAGES_ID]
    organization = fixture_catalog.organizations[fx.ORG_ID]
    assert organization in article.organizations
    page = fixture_reader.goto(article.url)
    panel = page.locator(".portal-meta")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_have_text("In this article")
    chip = panel.locator(f"a.portal-chip--organization[href$='{organization.url}']").first
    expect(chip).to_have_text("ECQB")
    chip.click()
    page.wait_for_url(fixture_reader.url(organization.url))
    expect(page.locator("h1").first).to_contain_text(organization.name)
    listed = fixture_reader.link_paths("section[aria-labelledby='portal-articles'] .portal-card__title a")
    assert article.url in listed
    assert fixture_reader.problems == []


def test_photo_with_a_file_loads(fixture_reader: Reader, fixture_catalog: Catalog) -> None:
    page = fixture_reader.goto(fixture_catalog.articles[fx.IMAGES_ID].url)
    image = page.locator(".portal-figure img")
    expect(image).to_have_count(1)
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth === 4", arg=image.element_handle())
    assert fixture_reader.problems == []
