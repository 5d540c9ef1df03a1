"""What crawlers read besides the pages: each page's sitemap ``lastmod`` and robots.txt.

A page's lastmod is the newest date it shows: an article's correction or publication date,
an event's last day or its newest report, a listing's newest item. Pages that show no date
(about, the field reference) get none rather than a made-up one. sitemaps.org's schema
takes whole dates only, so a date known to the month or year counts from the start of
its period, as in the feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..catalog.nodes import Article, Event, Node
from ..dates import PartialDate
from ..pages.views import HomeData
from .site import modified

if TYPE_CHECKING:
    from ..pages.plan import PageSpec

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def _event_date(event: Event) -> PartialDate:
    return max(event.date, event.end) if event.end else event.date


def _shown(item: Any) -> Iterable[PartialDate]:
    """The dates one listed item shows (directly or through the counts next to it)."""
    if isinstance(item, Article):
        yield modified(item)
    elif isinstance(item, Event):
        yield _event_date(item)
    elif isinstance(item, Node):  # an entity in an index: its newest article and event
        articles = getattr(item, "articles", None)
        if articles:
            yield modified(articles[0])  # newest first
        events = getattr(item, "events", None)
        if events:
            yield _event_date(events[-1])  # chronological


def lastmod(spec: PageSpec | None) -> dt.date | None:
    """The newest date the page shows, or None if it shows none."""
    if spec is None:
        return None
    dates: list[PartialDate] = []
    node = spec.node
    if isinstance(node, Article) and spec.kind == "article":
        dates.append(modified(node))
    elif isinstance(node, Event) and spec.kind == "event":
        dates.append(_event_date(node))
    elif node is not None and spec.kind == node.kind:  # an entity's own page also lists its events
        dates += [_event_date(e) for e in node.listed_events[-1:]]
    for item in spec.items:
        dates += _shown(item)
    if isinstance(spec.data, HomeData):  # the home page's lists
        for item in (*spec.data.latest, *spec.data.recent_events):
            dates += _shown(item)
    return max(dates).start() if dates else None


def robots(site_url: str | None) -> str:
    """Every page may be crawled; the sitemap is named when the site's address is known (it must be absolute)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/{SITEMAP}"]
    return "\n".join(lines) + "\n"
