"""events.ics and the organizations' calendars, parsed with the icalendar package.

Behaviour on the fixture site; the ``live`` test checks that the live content's calendars parse and hold
its day-precise events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from lxml import html as lxml_html

from generator.catalog.nodes import Event
from generator.dates import Precision
from generator.outputs.ids import TagIds

from ..fixture_site import MONTH_EVENT_ID, MULTI_DAY_ID, SITE_URL, YEAR_EVENT_ID, Built
from ..helpers import page_text, read_page


def vevents(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(cal.walk("VEVENT")), "UIDs must be unique"
    return events


def uid_of(event: Event) -> str:
    return TagIds().node(event)  # permanent: not the site's host (tests/site/test_deploy_ids.py)


def day_events(events: list[Event]) -> list[Event]:
    return [e for e in events if e.date.precision is Precision.DAY]


def check_events_ics(built: Built) -> None:
    catalog = built.catalog
    parsed = vevents(built.site / "events.ics")
    dated = day_events(catalog.event_list)
    assert set(parsed) == {uid_of(e) for e in dated}
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


def check_organization_calendars(built: Built) -> int:
    """Each organization with day-precise events has its calendar, linked; the others neither. Returns how many."""
    with_calendar = 0
    for org in built.catalog.organizations.values():
        path = built.site / org.url / "events.ics"
        dated = day_events(org.events)
        link = lxml_html.fromstring(read_page(built.site, org.url)).xpath("//a[@href='events.ics']")
        if dated:
            with_calendar += 1
            assert set(vevents(path)) == {uid_of(e) for e in dated}, org.id
            assert link, org.id
        else:  # an empty VCALENDAR is not valid iCalendar: neither written nor linked
            assert not path.exists() and not link, org.id
    return with_calendar


def test_events_ics_lists_every_day_precision_event(fixture_site: Built) -> None:
    check_events_ics(fixture_site)
    uids = set(vevents(fixture_site.site / "events.ics"))
    assert uids and not uids & {TagIds().of(f"event/{MONTH_EVENT_ID}"), TagIds().of(f"event/{YEAR_EVENT_ID}")}


@pytest.mark.live
def test_live_calendars_parse_and_match_the_content(live_url_site: Built) -> None:
    if day_events(live_url_site.catalog.event_list):
        check_events_ics(live_url_site)
    check_organization_calendars(live_url_site)


def test_multi_day_event_spans_its_days(fixture_site: Built) -> None:
    vevent = vevents(fixture_site.site / "events.ics")[TagIds().of(f"event/{MULTI_DAY_ID}")]
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (dt.date(2019, 3, 5), dt.date(2019, 3, 8))
    assert str(vevent["LOCATION"]) == "Example Harbour Zone, Example City, Example Province"


def test_organizations_have_their_own_calendars(fixture_site: Built) -> None:
    assert check_organization_calendars(fixture_site) > 1
    assert any(not day_events(o.events) for o in fixture_site.catalog.organizations.values())


def test_timeline_says_which_events_are_not_in_the_calendar(fixture_site: Built) -> None:
    html = read_page(fixture_site.site, "timeline/")
    assert "Events known only to the month or year are listed here but left out of the calendar" in page_text(html)
    assert lxml_html.fromstring(html).xpath("//a[@href='../events.ics']")


def test_calendar_without_site_url_uses_root_relative_links(fixture_plain_site: Built) -> None:
    parsed = vevents(fixture_plain_site.site / "events.ics")
    dated = day_events(fixture_plain_site.catalog.event_list)
    assert dated
    for event in dated:
        vevent = parsed[uid_of(event)]
        assert f"More: /{event.url}" in str(vevent["DESCRIPTION"])
        assert "URL" not in vevent  # a URI value must be absolute


def test_dtstamp_comes_from_the_content(fixture_site: Built) -> None:
    """DTSTAMP is the newest date of the event and its articles, not the build time."""
    parsed = vevents(fixture_site.site / "events.ics")
    for event in day_events(fixture_site.catalog.event_list):
        dates = [event.date, *([event.end] if event.end else [])]
        dates += [max(a.date, a.updated) if a.updated else a.date for a in event.articles]
        assert parsed[uid_of(event)].decoded("DTSTAMP").date() == max(dates).start()
