"""How pages word dates, date ranges, roles and countries: plain text, for the templates to escape and show.

Kept out of the templates so that each wording is one typed function with its own tests:
``12–14 September 2016`` rather than ``12 September 2016 – 14 September 2016``; a role's term as
``2020–2022``, ``since 2018`` or, when its only date is that of the report that mentions it,
``as reported in April 2017``; ``China`` rather than ``CN``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dates import MONTHS, PartialDate, Precision
from ..validate import countries

if TYPE_CHECKING:  # only for annotations: wording reads the catalog, never builds it
    from ..catalog.nodes import Event, Role

DASH = "–"  # en dash: closed up between numbers or single words, spaced between longer dates


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    """``12–14 September 2016``, ``30 August – 2 September 2016``, ``August–September 2016``, ``2020–2022``."""
    if end is None or end == start:
        return start.display()
    if start.precision is end.precision and start.year == end.year:
        if start.precision is Precision.DAY:
            if start.month == end.month:
                return f"{start.day}{DASH}{end.day} {MONTHS[end.month]} {end.year}"
            return f"{start.day} {MONTHS[start.month]} {DASH} {end.display()}"
        if start.precision is Precision.MONTH:
            return f"{MONTHS[start.month]}{DASH}{MONTHS[end.month]} {end.year}"
    if start.precision is Precision.YEAR and end.precision is Precision.YEAR:
        return f"{start.year}{DASH}{end.year}"
    return f"{start.display()} {DASH} {end.display()}"


def _at_precision(date: PartialDate, precision: Precision) -> PartialDate:
    return PartialDate(date.year, date.month if precision >= Precision.MONTH else 0,
                       date.day if precision is Precision.DAY else 0)


def _month_of(date: PartialDate) -> str:
    """A report's date as a role's term gives it: 'April 2017' (a day would look like the day it began)."""
    return _at_precision(date, min(date.precision, Precision.MONTH)).display()


def role_term(role: Role) -> str:
    """When a role was held, in words: '2020–2022', 'since 2018', 'until 2022', 'as reported in April 2017'.

    A role whose only date is the date of an article that names the person says so: the report shows the
    person in the role then, not that the role began that day. Empty when no date is known.
    """
    start, end = role.start, role.end
    if start is not None and end is not None:
        return date_range(start, end)
    if end is not None:
        return f"until {end.display()}"
    if start is None:
        return ""
    reports = {_at_precision(a.date, start.precision) for a in role.person.articles}
    if start in reports:
        return f"as reported in {_month_of(start)}"
    return f"since {start.display()}"


def role_text(role: Role, organization: bool = True) -> str:
    """'President, IEC (2020–2022)': the role's title, its organization's short name and its term."""
    text = upper_first(role.title)
    org = role.organization
    if organization and org is not None:
        text += f", {org.short_name or org.name}"
    term = role_term(role)
    return f"{text} ({term})" if term else text


def upper_first(text: str) -> str:
    """'deputy director' → 'Deputy director' (unlike Jinja's capitalize, the rest is left as written)."""
    return text[:1].upper() + text[1:]


def country_name(code: str | None) -> str:
    """ISO 3166-1 alpha-2 code → the country's common English name ('CN' → 'China'); unknown codes as given."""
    return (countries.name(code) or code) if code else ""


def event_when(event: Event, heading: tuple[int, int] | None = None) -> str:
    """The date of an event in a list; under a heading that already gives its month (or its year, for an event
    known only to the year), the month is not repeated: 'day not reported' / 'month not reported'."""
    date, end = event.date, event.end
    if heading is not None and (end is None or end == date):
        year, month = heading
        if date.precision is Precision.MONTH and (date.year, date.month) == (year, month):
            return "day not reported"
        if date.precision is Precision.YEAR and (date.year, month) == (year, 0):
            return "month not reported"
    return date_range(date, end)


# Each language's name in itself, as a "Read in …" link says it; a tag not listed is shown as written.
LANGUAGE_NAMES = {"en": "English", "zh": "中文", "zh-Hans": "简体中文", "zh-Hant": "繁體中文", "fr": "Français",
                  "de": "Deutsch", "es": "Español", "ru": "Русский", "ar": "العربية", "ja": "日本語", "ko": "한국어"}
# Open Graph wants language_TERRITORY; the territory a bare tag is most read in.
_OG_TERRITORY = {"en": "US", "zh": "CN", "zh-Hans": "CN", "zh-Hant": "TW", "fr": "FR", "de": "DE", "es": "ES",
                 "ru": "RU", "ar": "AR", "ja": "JP", "ko": "KR"}


def language_name(tag: str) -> str:
    return LANGUAGE_NAMES.get(tag, tag)


def og_locale(tag: str) -> str:
    """'zh' → 'zh_CN', 'pt-BR' → 'pt_BR' (og:locale's form)."""
    parts = tag.split("-")
    if len(parts) > 1 and len(parts[-1]) == 2:
        return f"{parts[0]}_{parts[-1]}"
    territory = _OG_TERRITORY.get(tag)
    return f"{parts[0]}_{territory}" if territory else parts[0]
