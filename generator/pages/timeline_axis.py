"""The timeline's picture: each event a mark on a year axis, in a lane per kind of event (so kinds differ by
place and shape, not by colour alone); theme/portal/partials/timeline-axis.html draws it as inline SVG. A
date known only to the year or month is placed at the start of that period and drawn hollow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..catalog.nodes import Event
from ..dates import Precision

SHAPES = ("circle", "square", "diamond", "triangle", "bar")  # a kind's shape: by its lane, in turn


@dataclass(frozen=True, slots=True)
class Mark:
    event: Event
    x: float  # 0..1 along the axis
    lane: int
    exact: bool  # known to the day


@dataclass(frozen=True, slots=True)
class Axis:
    first: int  # first year shown
    last: int  # last year shown
    kinds: list[str]  # a lane per kind, in the order of EVENT_KINDS as the events have them
    marks: list[Mark]

    def shape(self, lane: int) -> str:
        return SHAPES[lane % len(SHAPES)]

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))


def axis(events: Sequence[Event], kinds_order: Sequence[str]) -> Axis | None:
    if not events:
        return None
    first, last = min(e.date.year for e in events), max(e.date.year for e in events)
    kinds = [k for k in kinds_order if any(e.event_kind == k for e in events)]
    span = last + 1 - first
    marks = []
    for e in events:
        d = e.date
        at = d.year + ((d.month or 1) - 1) / 12 + ((d.day or 1) - 1) / 372
        marks.append(Mark(e, (at - first) / span, kinds.index(e.event_kind), d.precision is Precision.DAY))
    return Axis(first, last, kinds, marks)
