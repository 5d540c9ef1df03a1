"""events.ics and the organizations' calendars, parsed with the icalendar package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from lxml import html as lxml_html

from generator.catalog import Event
from generator.dates import Precision
from generator.outputs.ids import TagIds
from generator.pipeline import build_catalog

from .helpers import CONTENT, page_text, read_page
from .outputs_site import MULTI_DAY_ID, SITE_URL, Built, url_site

__all__ = ["url_site"]  # the fixture, imported for pytest


def vevents(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(cal.walk("VEVENT")), "UIDs must be unique"
    return events


def uid_of(event: Event) -> str:
    return TagIds().node(event)  # permanent: not the site's host (tests/test_deploy_ids.py)


def day_events(events: list[Event]) -> list[Event]:
    return [e for e in events if e.date.precision is Precision.DAY]


def test_events_ics_lists_every_day_precision_event(url_site: Built) -> None:
    catalog = url_site.catalog
    parsed = vevents(url_site.site / "events.ics")
    dated = day_events(catalog.event_list)
    assert set(parsed) == {uid_of(e) for e in dated}
    left_out = [e for e in catalog.event_list if e not in dated]
    assert left_out, "the content should have a month- or year-only event"
    for event in dated:
        vevent = parsed[uid_of(event)]
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date  # all-day: VALUE=DATE
        assert start == event.date.start()
        last = event.end.start() if event.end else event.date.start()
        assert end == last + dt.timedelta(days=1)  # DTEND is exclusive
        assert str(vevent["SUMMARY"]) == event.title
        assert f"{SITE_URL}{event.url}" in str(vevent["DESCRIPTION"])
        assert str(vevent["URL"]) == SITE_URL + event.url
        if event.place:
            assert str(vevent["LOCATION"]).startswith(event.place.name)
        stamp = vevent.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == dt.timedelta(0)


def test_multi_day_event_spans_its_days(url_site: Built) -> None:
    vevent = vevents(url_site.site / "events.ics")[TagIds().of(f"event/{MULTI_DAY_ID}")]
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (dt.date(2019, 3, 5), dt.date(2019, 3, 8))
    assert str(vevent["LOCATION"]) == "Pudong New Area, Shanghai, China"


def test_organizations_have_their_own_calendars(url_site: Built) -> None:
    with_calendar = 0
    for org in url_site.catalog.organizations.values():
        path = url_site.site / org.url / "events.ics"
        dated = day_events(org.events)
        link = lxml_html.fromstring(read_page(url_site.site, org.url)).xpath("//a[@href='events.ics']")
        if dated:
            with_calendar += 1
            assert set(vevents(path)) == {uid_of(e) for e in dated}, org.id
            assert link, org.id
        else:  # an empty VCALENDAR is not valid iCalendar: neither written nor linked
            assert not path.exists() and not link, org.id
    assert with_calendar > 1


def test_timeline_says_which_events_are_not_in_the_calendar(url_site: Built) -> None:
    html = read_page(url_site.site, "timeline/")
    assert "Events known only to the month or year are listed here but left out of the calendar" in page_text(html)
    assert lxml_html.fromstring(html).xpath("//a[@href='../events.ics']")


def test_calendar_without_site_url_uses_root_relative_links(built_site: Path) -> None:
    catalog = build_catalog(CONTENT).catalog
    parsed = vevents(built_site / "events.ics")
    for event in day_events(catalog.event_list):
        vevent = parsed[uid_of(event)]
        assert f"More: /{event.url}" in str(vevent["DESCRIPTION"])
        assert "URL" not in vevent  # a URI value must be absolute


def test_dtstamp_comes_from_the_content(url_site: Built) -> None:
    """DTSTAMP is the newest date of the event and its articles, not the build time."""
    parsed = vevents(url_site.site / "events.ics")
    for event in day_events(url_site.catalog.event_list):
        dates = [event.date, *([event.end] if event.end else [])]
        dates += [max(a.date, a.updated) if a.updated else a.date for a in event.articles]
        assert parsed[uid_of(event)].decoded("DTSTAMP").date() == max(dates).start()
