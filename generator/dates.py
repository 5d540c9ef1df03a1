"""Partial dates (EDTF level 0): YYYY, YYYY-MM or YYYY-MM-DD, keeping precision.

A month-only date is never turned into a made-up day: it sorts at the start of
its month and is shown as "July 2017".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = tuple(calendar.month_name)  # "" at index 0
# News and events fall in these years; anything else is a typo (2107 for 2017) that would break
# feeds, calendars and gzip headers (which hold seconds since 1970 in 32 bits).
MIN_YEAR, MAX_YEAR = 1000, 2100


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class InvalidDate(ValueError):
    """The text is not a valid YYYY, YYYY-MM or YYYY-MM-DD date."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    year: int
    month: int = 0  # 0 = unknown
    day: int = 0  # 0 = unknown

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool):
            raise InvalidDate(f"expected a date, got {value!r}")
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, dt.date):  # only from Python callers; YAML dates stay text
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise InvalidDate(f"expected a date like 2017-04-13, got {type(value).__name__}")
        m = _DATE_RE.match(value.strip())
        if not m:
            raise InvalidDate(f"'{value}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise InvalidDate(f"'{value}' has year {m[1]}; years run from {MIN_YEAR} to {MAX_YEAR}")
        if m[2] is not None and not 1 <= month <= 12:
            raise InvalidDate(f"'{value}' has month {m[2]}; months run from 01 to 12")
        if m[3] is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise InvalidDate(
                    f"'{value}' has day {m[3]}, but {MONTHS[month]} {year} has {last} days"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    def iso(self) -> str:
        """The date as written, at its own precision: 2017, 2017-07 or 2017-07-05."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Human form at its own precision: 13 April 2017, July 2017 or 2018."""
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def start(self) -> dt.date:
        """First day of the period (for feeds and sorting, never shown as text)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> dt.date:
        """Last day of the period."""
        if self.day:
            return self.start()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso()
