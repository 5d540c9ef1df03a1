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

    def __str__(self) -> str:
        return self.iso()


# --- what to write instead: hints for dates in other common forms ----------------------------

_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(MONTHS) if name}
_MONTH_NUMBERS |= {name[:3].lower(): i for i, name in enumerate(MONTHS) if name}
_MONTH_NUMBERS["sept"] = 9
_MONTH = r"([A-Za-z]{3,9})\.?"
_OTHER_FORMS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})\s*年$"), ("y",)),
    (re.compile(rf"^{_MONTH},?\s+(\d{{4}})$"), ("M", "y")),
    (re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})$"), ("d", "M", "y")),
    (re.compile(rf"^{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$"), ("M", "d", "y")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
)


def suggest(value: object) -> str | None:
    """The YYYY, YYYY-MM or YYYY-MM-DD form of a date written another way, if it is unambiguous and exists.

    '2023-3-30', '2023/03/30', '30 March 2023', 'March 30, 2023' and '2023年3月30日' give '2023-03-30';
    'August 2022' and 'Aug 2022' give '2022-08'. Day-first or month-first numbers ('03/04/2023') are
    ambiguous and give None.
    """
    if not isinstance(value, str) or isinstance(value, bool):
        return None
    text = " ".join(value.split())
    for pattern, order in _OTHER_FORMS:
        found = pattern.match(text)
        if found is None:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        month = parts.get("m") or ""
        if "M" in parts:
            number = _MONTH_NUMBERS.get(parts["M"].lower())
            if number is None:
                return None
            month = str(number)
        candidate = parts["y"] + (f"-{int(month):02d}" if month else "")
        if month and parts.get("d"):
            candidate += f"-{int(parts['d']):02d}"
        try:
            written = PartialDate.parse(candidate).iso()
        except InvalidDate:
            return None
        return written if written != text else None
    return None
