"""iCalendar (RFC 5545) files: every day-precision event, and one calendar per organization.

Events known only to the month or year are left out rather than pinned to a
made-up day (the timeline page says so). UIDs are the events' permanent tag: URIs
(outputs/ids.py), the same wherever the site is published. DTSTAMP comes from the content — the
newest date of the event and its articles — so rebuilding unchanged content
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import icalendar

from ..catalog.graph import Catalog
from ..catalog.nodes import Event, Organization
from ..dates import Precision
from .site import Site, modified, moment
from .urls import CALENDAR, calendar_kinds, entity_output


def in_calendar(event: Event) -> bool:
    return event.date.precision is Precision.DAY


def calendar_events(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if in_calendar(e)]


def calendar_nodes(catalog: Catalog) -> Iterable[Organization]:
    """Entities with their own calendar file (those with at least one day-precision event)."""
    for kind in calendar_kinds():
        for node in catalog.table(kind).values():
            if any(in_calendar(e) for e in node.events):
                yield node


def write_calendars(catalog: Catalog, site_dir: Path, site: Site) -> list[str]:
    """Write events.ics and each organization's calendar; a calendar with no event is not valid
    iCalendar, so it is not written (and not linked)."""
    outputs = [(CALENDAR, site.name, calendar_events(catalog.event_list))]
    for node in calendar_nodes(catalog):
        outputs.append((entity_output(node, CALENDAR), f"{node.label} — {site.name}",
                        calendar_events(node.events)))
    written = []
    for rel, name, events in outputs:
        if not events:
            continue
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_calendar(name, events, site).to_ical())
        written.append(rel)
    return written


def _calendar(name: str, events: list[Event], site: Site) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.name}//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, site))
    return cal


def _vevent(event: Event, site: Site) -> icalendar.Event:
    url = site.links.node(event)
    start = event.date.start()
    # DTEND is exclusive; an end known only to the month would invent a day, so it is left out
    # of DTEND and stated in the description instead.
    last = event.end.start() if event.end and event.end.precision is Precision.DAY else start
    vevent = icalendar.Event()
    vevent.add("uid", site.ids.node(event))
    vevent.add("dtstamp", _stamp(event))
    vevent.add("dtstart", start)
    vevent.add("dtend", last + dt.timedelta(days=1))
    vevent.add("summary", event.title)
    lines = [event.summary] if event.summary else []
    if event.end and event.end.precision is not Precision.DAY:
        lines.append(f"Ends: {event.end.display()}")
    lines.append(f"More: {url}")
    vevent.add("description", "\n\n".join(lines))
    if event.place is not None:
        vevent.add("location", ", ".join(p.name for p in (event.place, *event.place.ancestors[::-1])))
    if site.links.absolute:  # URL is a URI value: only written when it can be absolute
        vevent.add("url", url)
    vevent.add("categories", [event.event_kind])
    return vevent


def _stamp(event: Event) -> dt.datetime:
    dates = [event.date, *([event.end] if event.end else []), *(modified(a) for a in event.articles)]
    return moment(max(dates))
