"""Issue 5: the timeline filters, their shareable URL, and the full list without JavaScript."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from generator.catalog import Catalog, Event
from generator.site.plan import TIMELINE_LIMIT

from .support import Reader

pytestmark = pytest.mark.browser

VISIBLE_EVENTS = ".portal-timeline .portal-event:visible"


def shown(catalog: Catalog) -> list[Event]:
    return catalog.event_list[-TIMELINE_LIMIT:]


def filter_choice(events: list[Event]) -> tuple[str, int]:
    """An organization on the timeline, and a year in which it has some but not all of its events
    (or any year of it when all fall in one year): filters that each visibly narrow the list."""
    orgs = Counter(o.id for e in events for o in e.organizations)
    org = next(o for o, n in orgs.most_common() if n < len(events))
    years = Counter(e.date.year for e in events if org in {o.id for o in e.organizations})
    return org, years.most_common()[-1][0]


def expect_count(page: Page, shown_count: int, total: int) -> None:
    expect(page.locator(".portal-filters__count")).to_have_text(f"{shown_count} of {total} events")
    expect(page.locator(VISIBLE_EVENTS)).to_have_count(shown_count)


def test_filters_narrow_the_list_and_live_in_the_url(reader: Reader, catalog: Catalog) -> None:
    events = shown(catalog)
    total = len(events)
    org, year = filter_choice(events)
    by_org = [e for e in events if org in {o.id for o in e.organizations}]
    by_both = [e for e in by_org if e.date.year == year]
    assert 0 < len(by_both) <= len(by_org) < total

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


def test_without_javascript_the_full_timeline_shows(open_reader: Callable[..., Reader], catalog: Catalog) -> None:
    events = shown(catalog)
    org, year = filter_choice(events)
    reader = open_reader(java_script_enabled=False)
    page = reader.goto(f"timeline/?org={org}&year={year}")
    expect(page.locator("form.portal-filters")).to_be_hidden()
    expect(page.locator(VISIBLE_EVENTS)).to_have_count(len(events))
