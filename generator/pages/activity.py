"""Activity at a glance: reports and events per year (per month when they span less than two years), the data
of the chart theme/portal/partials/activity.html draws as inline SVG, with a table of the same numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog.nodes import Article, Event
from ..dates import MONTHS, Precision


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "2017", or "Mar 2017"
    year: int  # the year its items are listed under (news/<year>/, timeline/<year>/)
    articles: int
    events: int


@dataclass(frozen=True, slots=True)
class Activity:
    bars: list[Bar]
    by_month: bool

    @property
    def peak(self) -> int:
        return max(max(b.articles, b.events) for b in self.bars)

    @property
    def articles(self) -> int:
        return sum(b.articles for b in self.bars)

    @property
    def events(self) -> int:
        return sum(b.events for b in self.bars)

    def describe(self) -> str:
        """The numbers in words, for the chart's description: '2017: 3 reports, 1 event; 2018: …'."""
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'s' * (count != 1)}"

        return "; ".join(f"{b.label}: {n(b.articles, 'report')}, {n(b.events, 'event')}" for b in self.bars
                         if b.articles or b.events)


def activity(articles: Iterable[Article], events: Iterable[Event]) -> Activity | None:
    """Bars from the first to the last period with any item, empty periods included; None: nothing to draw."""
    dated = [(a.date, "a") for a in articles] + [(e.date, "e") for e in events]
    if not dated:
        return None
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    # Months only when every item is known to the month and they span less than two years: a year-only
    # date has no month to put it in.
    months = (last.year * 12 + last.month) - (first.year * 12 + first.month)
    by_month = months < 24 and all(d.precision is not Precision.YEAR for d, _ in dated)
    counts: Counter[tuple[int, int, str]] = Counter((d.year, d.month if by_month else 0, what) for d, what in dated)
    if by_month:
        periods = [((first.year * 12 + first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1)
                   for i in range(months + 1)]
    else:
        periods = [(year, 0) for year in range(first.year, last.year + 1)]
    bars = [Bar(f"{MONTHS[m][:3]} {y}" if m else str(y), y, counts[(y, m, "a")], counts[(y, m, "e")])
            for y, m in periods]
    return Activity(bars, by_month)
