"""What is coming next: the events whose dates are still ahead on the day the site is built. A reader's browser
checks again against its own today (theme/assets/portal.js), so a site built last month still shows today's
future; these are its list, and its answer for readers without JavaScript.

An event known only to the month or the year is ahead until that month or year is over: nothing is assumed
about the day. The build's day is SOURCE_DATE_EPOCH's (reproducible builds: the plugin sets it from the
newest content date unless the deployment sets it), else today's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterable

from ..catalog.nodes import Event
from ..dates import PartialDate

LIMIT = 8  # events listed at most: the next ones


def last_day(date: PartialDate) -> dt.date:
    """The last day the date can mean: 2024-06 → 2024-06-30, 2024 → 2024-12-31."""
    if date.day:
        return dt.date(date.year, date.month, date.day)
    month = date.month or 12
    return dt.date(date.year, month, calendar.monthrange(date.year, month)[1])


def until(event: Event) -> dt.date:
    """The last day the event may still be ahead or going on."""
    return last_day(event.end or event.date)


def built_on() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def upcoming(events: Iterable[Event], today: dt.date | None = None, limit: int = LIMIT) -> list[Event]:
    """The next events not over on ``today`` (the build's day), soonest first."""
    day = today or built_on()
    ahead = [e for e in events if until(e) >= day]
    return sorted(ahead, key=Event.sort_key)[:limit]


def day_text(day: dt.date) -> str:
    """'3 December 2026', as the site writes dates."""
    return PartialDate(day.year, day.month, day.day).display()
