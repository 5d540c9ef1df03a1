"""Checks on raw front matter values that the models cannot make alone: real countries, the article's
year folder, image files that exist, dates in order. On raw values, so a file with other errors (a
missing summary, a bad kind) still gets these in the same run; a value the model refuses is skipped.
"""

from __future__ import annotations

import re
from typing import Any

from ..dates import InvalidDate, PartialDate
from ..diagnostics import Report
from ..kinds import Kind
from ..load.frontmatter import Document
from ..load.yamlsafe import Path
from . import countries
from .valid import Valid

_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")  # the model's pattern: other values are the model's to report


def _raw_date(data: dict[str, Any], key: str) -> PartialDate | None:
    value = data.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    try:
        return PartialDate.parse(value)
    except InvalidDate:
        return None  # the model reports it


def check_raw_fields(doc: Document, data: dict[str, Any], valid: Valid, report: Report) -> None:
    country = data.get("country") if doc.kind in (Kind.ORGANIZATION, Kind.PLACE) else None
    if isinstance(country, str) and _COUNTRY_RE.match(country) and countries.name(country) is None:
        pos = doc.front.pos(("country",))
        report.error(
            doc.path, pos.line, pos.col, "invalid-country", f"'country': '{country}' is not an ISO 3166-1 country code",
            'use an ISO 3166-1 alpha-2 code in quotes, e.g. country: "CN"',
        )
    if doc.kind is Kind.ARTICLE:
        _check_article(doc, data, valid, report)
    elif doc.kind is Kind.ORGANIZATION and isinstance(data.get("logo"), str):
        _check_asset(doc, ("logo",), data["logo"], valid, report)
    elif doc.kind is Kind.EVENT:
        date, end = _raw_date(data, "date"), _raw_date(data, "end")
        if date is not None and end is not None and end < date:
            _order_error(doc, ("end",), "end", end, "date", date, report)
    elif doc.kind is Kind.PERSON and isinstance(data.get("roles"), list):
        for i, role in enumerate(data["roles"]):
            if isinstance(role, dict):
                start, to = _raw_date(role, "from"), _raw_date(role, "to")
                if start is not None and to is not None and to < start:
                    _order_error(doc, ("roles", i, "to"), "to", to, "from", start, report)


def _check_article(doc: Document, data: dict[str, Any], valid: Valid, report: Report) -> None:
    date, year = _raw_date(data, "date"), doc.id.split("/", 1)[0]
    if date is not None and f"{date.year:04d}" != year:
        pos = doc.front.pos(("date",))
        report.error(
            doc.path, pos.line, pos.col, "year-folder",
            f"the article is dated {date} but sits in news/{year}/",
            f"move it to content/news/{date.year:04d}/ or correct the date",
        )
    images = data.get("images")
    for i, image in enumerate(images if isinstance(images, list) else ()):
        if isinstance(image, dict) and isinstance(image.get("file"), str):
            _check_asset(doc, ("images", i, "file"), image["file"], valid, report)
    updated = _raw_date(data, "updated")
    if date is not None and updated is not None and updated < date:
        _order_error(doc, ("updated",), "updated", updated, "date", date, report)


def _order_error(doc: Document, path: Path, later: str, lv: Any, earlier: str, ev: Any, report: Report) -> None:
    pos = doc.front.pos(path)
    report.error(
        doc.path, pos.line, pos.col, "date-order",
        f"'{later}' ({lv}) is before '{earlier}' ({ev})",
        f"'{later}' must be the same as or after '{earlier}'",
    )


def _check_asset(doc: Document, path: Path, target: str, valid: Valid, report: Report) -> None:
    pos = doc.front.pos(path)
    norm = target.strip()
    if norm.startswith(("/", "\\")) or ".." in norm.replace("\\", "/").split("/") or ":" in norm:
        report.error(
            doc.path, pos.line, pos.col, "unsafe-path",
            f"'{target}' points outside the content folder",
            "give a path inside content/, such as images/2017/photo.jpg",
        )
    elif norm not in valid.assets:
        report.error(
            doc.path, pos.line, pos.col, "missing-file", f"image file '{target}' does not exist",
            "add the file under content/images/ or remove 'file:' and keep only the caption",
        )
