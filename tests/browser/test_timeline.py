"""Issue 5: the timeline filters, their shareable URL, and the full list without JavaScript (fixture site)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from generator.catalog.graph import Catalog
from generator.catalog.nodes import Event
from generator.pages.plan import TIMELINE_LIMIT

from .. import fixture_site as fx
from .support import Reader

pytestmark = pytest.mark.browser

VISIBLE_EVENTS = ".portal-timeline .portal-event:visible"


def shown(catalog: Catalog) -> list[Event]:
    return catalog.event_list[-TIMELINE_LIMIT:]


def filter_choice(events: list[Event]) -> tuple[str, int]:
    """The fixture's quality bureau and 2019: filters that each visibly narrow the list."""
    return fx.ORG_ID, 2019


def expect_count(page: Page, shown_count: int, total: int) -> None:
    expect(page.locator(".portal-filters__count")).to_have_text(f"{shown_count} of {total} events")
    expect(page.locator(VISIBLE_EVENTS)).to_have_count(shown_count)


def test_filters_narrow_the_list_and_live_in_the_url(fixture_reader: Reader, fixture_catalog: Catalog) -> None:
    reader, events = fixture_reader, shown(fixture_catalog)
    total = len(events)
    org, year = filter_choice(events)
    by_org = [e for e in events if org in {o.id for o in e.organizations}]
    by_both = [e for e in by_org if e.date.year == year]
    assert 0 < len(by_both) < len(by_org) < total

    page = reader.goto("timeline/")
    form = page.locator("form.portal-filters")
    expect(form).to_be_visible()
    expect_count(page, total, total)

    form.locator("select[name=org]").select_option(org)
    expect_count(page, len(by_org), total)
    orgs_shown = page.eval_on_selector_all(VISIBLE_EVENTS, "els => els.map(e => e.dataset.orgs.split(' '))")
    assert all(org in ids for ids in orgs_shown)

    form.locator("select[name=year]").select_option(str(year))
    expect_count(page, len(by_both), total)
    query = parse_qs(urlparse(page.url).query)
    assert query == {"org": [org], "year": [str(year)]}
    titles = page.locator(f"{VISIBLE_EVENTS} .portal-event__title").all_inner_texts()
    assert titles == [e.title for e in by_both]

    # The address alone reproduces the view: on reload, and opened afresh by someone it was sent to.
    page.reload()
    expect_count(page, len(by_both), total)
    expect(form.locator("select[name=org]")).to_have_value(org)
    expect(form.locator("select[name=year]")).to_have_value(str(year))
    shared = reader.page.context.new_page()
    shared.goto(page.url)
    expect_count(shared, len(by_both), total)

    form.locator("select[name=org]").select_option("")
    form.locator("select[name=year]").select_option("")
    expect_count(page, total, total)
    assert urlparse(page.url).query == ""
    assert reader.problems == []


def test_place_filter_includes_places_within(fixture_reader: Reader, fixture_catalog: Catalog) -> None:
    events = shown(fixture_catalog)
    in_city = [e for e in events if e.place and fx.CITY_ID in {e.place.id, *(p.id for p in e.place.ancestors)}]
    assert len(in_city) == 5 and any(e.place and e.place.id != fx.CITY_ID for e in in_city)
    page = fixture_reader.goto(f"timeline/?place={fx.CITY_ID}")
    expect_count(page, len(in_city), len(events))
    titles = page.locator(f"{VISIBLE_EVENTS} .portal-event__title").all_inner_texts()
    assert titles == [e.title for e in in_city]
    page.locator("form.portal-filters select[name=kind]").select_option("forum")
    expect_count(page, 1, len(events))
    assert parse_qs(urlparse(page.url).query) == {"place": [fx.CITY_ID], "kind": ["forum"]}
    assert fixture_reader.problems == []


def test_without_javascript_the_full_timeline_shows(fixture_open_reader: Callable[..., Reader],
                                                    fixture_catalog: Catalog) -> None:
    events = shown(fixture_catalog)
    org, year = filter_choice(events)
    reader = fixture_open_reader(java_script_enabled=False)
    page = reader.goto(f"timeline/?org={org}&year={year}")
    expect(page.locator("form.portal-filters")).to_be_hidden()
    expect(page.locator(VISIBLE_EVENTS)).to_have_count(len(events))
