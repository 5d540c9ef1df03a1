"""Designations of standards ("ISO 9001:2015", "GB/T 19001-2016") and committees ("ISO/TC 176") as people
write them: read, normalized, compared and found in text.

Two spellings of one designation get the same ``key``: spacing ("ISO9001", "ISO  9001"), the year after
":" or "-" ("GB/T 19001-2016" = "GB/T 19001:2016"), "GBT" for "GB/T", case. ``family`` drops the year, so
an undated "ISO 9001" matches every edition. Recognition is deliberately narrow: a known publisher's prefix
followed by a number, so that "IEC 1906 Award" or "ISO 2017" (a bare year-like number) are not standards.

This module imports nothing of the package: every stage may use it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")

# Publishers' prefixes, longest first so that "ISO/IEC" wins over "ISO"; deliverable types ride along
# (ISO/TS, ISO/TR, ISO/PAS, Guide), as do China's national (GB, GB/T, GB/Z) and local (DB31/T) prefixes.
_PREFIX = (r"(?:ISO/IEC(?:/IEEE)?|ISO/(?:TS|TR|PAS|IWA)|IEC/(?:TS|TR|PAS)|EN\ ISO(?:/IEC)?|ISO|IEC|EN|"
           r"GB\s?/?\s?[TZ]|GB|DB\s?\d{2}\s?/?\s?T|ITU-[TR]|IEEE|ASTM|ANSI(?:/[A-Z]+)?)")
_GUIDE = r"(?:\ Guide)?"
# The number: digits with parts ("60601-1-2", "802.11") or, for ITU and ASTM, a series letter ("X.509", "D638").
_NUMBER = r"(?:[A-Z]\.?\d+(?:\.\d+)*|\d+(?:\.\d+)*(?:-\d+)*?)"
_YEAR = r"(?:[:-](?:19|20)\d{2})"
STANDARD_RE = re.compile(rf"(?<![\w/])(?P<prefix>{_PREFIX}){_GUIDE}\s?(?P<number>{_NUMBER}?)(?P<year>{_YEAR})?"
                         r"(?![\w/]|[.:-]\d)")
_STANDARD_FULL = re.compile(rf"(?P<prefix>{_PREFIX})(?P<guide>{_GUIDE})\s*(?P<number>{_NUMBER})(?P<year>{_YEAR})?",
                            re.IGNORECASE)
# Committees: "ISO/TC 176", "ISO/TC 46/SC 9", "ISO/IEC JTC 1/SC 27", "SAC/TC 1", "CEN/TC 250".
_BODY = r"(?:ISO/IEC|ISO|IEC|SAC|CEN|CENELEC|ITU-T|ETSI)"
COMMITTEE_RE = re.compile(rf"(?<![\w/])(?P<body>{_BODY})\s?[/ ]\s?(?P<rest>(?:JTC|TC|PC|SC)\s?\d+"
                          r"(?:\s?/\s?(?:SC|WG)\s?\d+)*)(?![\w/])")
_COMMITTEE_FULL = re.compile(rf"(?P<body>{_BODY})\s*[/ ]?\s*(?P<rest>(?:JTC|TC|PC|SC)\s*\d+"
                             r"(?:\s*/\s*(?:SC|WG)\s*\d+)*)", re.IGNORECASE)


class Designation(NamedTuple):
    prefix: str  # "ISO/IEC", "GB/T", "DB31/T", "ISO Guide"
    number: str  # "27001", "60601-1", "X.509"
    year: int | None  # edition year, if written

    @property
    def family(self) -> str:
        """The undated designation, as a key: "ISO 9001"."""
        return f"{self.prefix} {self.number}"

    @property
    def key(self) -> str:
        """The designation in one spelling: "ISO 9001:2015" (GB and DB standards keep "-2016")."""
        if self.year is None:
            return self.family
        sep = "-" if self.prefix.startswith(("GB", "DB")) else ":"
        return f"{self.family}{sep}{self.year}"

    def spellings(self) -> list[str]:
        """The ways readers type it into search: "ISO 9001:2015", "ISO 9001", "ISO9001", "9001:2015", "9001"."""
        bare = self.prefix.replace(" ", "") + self.number
        out = [self.key, self.family, bare, self.number]
        if self.year is not None:
            out += [f"{bare}:{self.year}", f"{self.number}:{self.year}", f"{self.number}-{self.year}"]
        if self.prefix in ("GB/T", "GB/Z"):
            out.append(self.prefix.replace("/", "") + " " + self.number)
        return list(dict.fromkeys(out))


def _prefix(text: str, guide: str = "") -> str:
    p = re.sub(r"\s*/\s*", "/", " ".join(text.upper().split()))
    p = re.sub(r"^GB ?/?([TZ])$", r"GB/\1", p)
    p = re.sub(r"^DB ?(\d{2}) ?/?T$", r"DB\1/T", p)
    return f"{p} Guide" if guide.strip() else p


def _year_like(number: str) -> bool:
    """A bare four-digit number that reads as a year ("IEC 1906 Award", "ISO 2017"): not a designation."""
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2099


# Any other publisher, as front matter may name it ("BS 5750", "JIS Q 9001", "T/CAS 115-2019"): capitals,
# then a number. Only the known prefixes above are looked for in running text.
_OTHER_FULL = re.compile(rf"(?P<prefix>[A-Z]{{1,8}}(?:[/ ][A-Z]{{1,8}}){{0,2}})(?P<guide>)\s?(?P<number>{_NUMBER})"
                         rf"(?P<year>{_YEAR})?")


def parse(text: str) -> Designation | None:
    """A standard's designation in any usual spelling, or None if it is not one."""
    m = _STANDARD_FULL.fullmatch(text.strip()) or _OTHER_FULL.fullmatch(" ".join(text.split()))
    if m is None:
        return None
    year = int(m["year"][1:]) if m["year"] else None
    return Designation(_prefix(m["prefix"], m["guide"] or ""), m["number"].upper(), year)


def parse_committee(text: str) -> str | None:
    """A committee's designation in one spelling ("ISO/TC 46/SC 9"), or None if it is not one."""
    m = _COMMITTEE_FULL.fullmatch(text.strip())
    if m is None:
        return None
    rest = re.sub(r"\s*/\s*", "/", m["rest"].upper())
    rest = re.sub(r"(JTC|TC|PC|SC|WG)\s*(\d+)", r"\1 \2", rest)
    body = m["body"].upper()
    return f"{body} {rest}" if rest.startswith("JTC") else f"{body}/{rest}"


def key(text: str) -> str:
    """What two spellings of one designation share (a text that is no designation: itself, tidied)."""
    found = parse(text)
    return found.key if found is not None else " ".join(text.upper().split())


def family(text: str) -> str:
    found = parse(text)
    return found.family if found is not None else key(text)


def find(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, "standard" or "committee", key) of every designation written in ``text``, in order."""
    return iter(_find(text))


@functools.lru_cache(maxsize=1 << 15)  # a body is scanned by the check, the catalog and its page: once each save
def _find(text: str) -> tuple[tuple[int, int, str, str], ...]:
    hits: list[tuple[int, int, str, str]] = []
    for m in COMMITTEE_RE.finditer(text):
        found = parse_committee(m[0])
        if found is not None:
            hits.append((m.start(), m.end(), "committee", found))
    committees = len(hits)  # in order and apart: one pass beside the standards' matches (linear, any text)
    at = 0
    for m in STANDARD_RE.finditer(text):
        while at < committees and hits[at][1] <= m.start():
            at += 1
        if not m["number"] or (at < committees and hits[at][0] <= m.start()):  # inside a committee's
            continue
        d = parse(m[0])
        if d is not None and not (d.year is None and _year_like(d.number)):
            hits.append((m.start(), m.end(), "standard", d.key))
    return tuple(sorted(hits))


def slug(text: str) -> str:
    """An id made from a designation: "ISO/IEC 27001:2022" → "iso-iec-27001-2022"."""
    return "-".join(re.findall(r"[a-z0-9]+", key(text).lower())) or "standard"


def order(designation: str) -> tuple[Any, ...]:
    """Natural order: ISO 2 before ISO 10, editions by year, undated first."""
    found = parse(designation)
    if found is None:
        return ("~", (), 0, designation)
    numbers = tuple(int(p) if p.isdigit() else 0 for p in found.number.replace(".", "-").split("-"))
    return (found.prefix, numbers, found.year or 0, designation)


class Index(Generic[T]):
    """Designations of known standards → what they stand for; ``find`` resolves one as written: the same
    key; an undated one, the newest edition of its family; a dated one with no such edition, the
    family's undated entry. The one rule, for the catalog and for `portal check`."""

    def __init__(self) -> None:
        self.by_key: dict[str, T] = {}
        self._families: dict[str, list[tuple[tuple[Any, ...], T]]] = {}

    def add(self, designation: str, value: T) -> None:
        self.by_key.setdefault(key(designation), value)
        self._families.setdefault(family(designation), []).append((order(designation), value))

    def find(self, written: str) -> T | None:
        found = self.by_key.get(key(written))
        if found is not None:
            return found
        parsed = parse(written)
        if parsed is None:
            return None
        if parsed.year is None:
            editions = self._families.get(parsed.family)
            return max(editions, key=lambda e: e[0])[1] if editions else None
        return self.by_key.get(parsed.family)
