"""What each kind of page hands its template besides the page's node and items: one dataclass per page type
(``PageSpec.data``), so a template reads named, typed fields, never a free-form dict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..catalog.nodes import Article, Event
from .activity import Activity
from .timeline_axis import Axis


@dataclass(frozen=True, slots=True)
class HomeData:
    latest: list[Article]  # newest first
    recent_events: list[Event]  # newest first
    counts: dict[str, int]  # entries per kind, by plural ("articles", "organizations")
    upcoming: list[Event] = field(default_factory=list)  # still ahead on the build's day (pages/upcoming.py)
    activity: Activity | None = None  # reports and events per year, for the chart


@dataclass(frozen=True, slots=True)
class NewsData:
    years: list[tuple[int, int]]  # (year, articles), newest first
    year: int | None = None  # a year's archive; None: all news


@dataclass(frozen=True, slots=True)
class TimelineData:
    groups: list[tuple[int, list[tuple[int, list[Event]]]]]  # [(year, [(month or 0, events)])]
    years: list[tuple[int, int]]  # (year, events)
    total: int  # events in the whole timeline (or the year)
    truncated: bool  # the page shows only the latest events
    year: int | None = None
    upcoming: list[Event] = field(default_factory=list)  # still ahead on the build's day (pages/upcoming.py)
    axis: Axis | None = None  # the events shown, as marks on a year axis


@dataclass(frozen=True, slots=True)
class ArticleData:
    related: list[Article]


@dataclass(frozen=True, slots=True)
class EntityData:
    article_count: int  # all its articles, over every page
    activity: Activity | None = None  # its reports and events per year, for the chart (first page only)


@dataclass(frozen=True, slots=True)
class ApiData:
    endpoints: Sequence[object]  # outputs.api.Endpoint: this stage only places the page


PageData = HomeData | NewsData | TimelineData | ArticleData | EntityData | ApiData
