"""Standards and committees in the catalog: their nodes, and the designations that connect them to reports.

An article or event lists standards by designation as printed ("ISO 9001:2008"). Each resolves to the
standard whose designation has the same key (generator/designations.py); an undated one ("ISO 9001") to
the newest edition of its family; a dated one with no file of its own to an undated file of its family.
A designation no file matches still gets a node, and so a page, built from the designation alone, as a
taxonomy term does. Committees are linked to the standards they are responsible for and to every report
whose text names them ("ISO/TC 176").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import designations
from ..dates import PartialDate
from ..kinds import Kind
from ..validate.valid import Entry, Valid
from .nodes import Article, Event, Node, Organization
from .parents import link_parents


@dataclass(eq=False, slots=True, repr=False)
class Designated(Node):
    """What standards and committees share: a designation as their label, and the reports and events."""

    designation: str = ""
    title_zh: str | None = None
    articles: list[Article] = field(default_factory=list)  # newest first
    events: list[Event] = field(default_factory=list)  # in date order

    @property
    def label(self) -> str:
        return self.designation


@dataclass(eq=False, slots=True, repr=False)
class Standard(Designated):
    title: str | None = None
    status: str | None = None
    published: PartialDate | None = None
    ics: list[str] = field(default_factory=list)
    catalogue: str | None = None  # its page in the publisher's catalogue
    has_file: bool = True  # False: known only from the designations reports list
    publisher: Organization | None = None
    committee: Committee | None = None
    supersedes: list[Standard] = field(default_factory=list)
    superseded_by: list[Standard] = field(default_factory=list)
    editions: list[Standard] = field(default_factory=list)  # its family, oldest first, itself included

    kind = "standard"

    @property
    def sectors(self) -> list[str]:
        """The ICS fields (the codes' first two digits) it belongs to."""
        return sorted({code[:2] for code in self.ics})

    @property
    def spellings(self) -> list[str]:
        """What readers may type to find it (search)."""
        found = designations.parse(self.designation)
        return found.spellings() if found is not None else [self.designation]


@dataclass(eq=False, slots=True, repr=False)
class Committee(Designated):
    title: str = ""
    organization: Organization | None = None
    secretariat: Organization | None = None
    parent: Committee | None = None
    children: list[Committee] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)

    kind = "committee"


def build(tables: dict[str, dict[str, Any]], valid: Valid, articles: list[Article], events: list[Event]) -> None:
    """Fill ``tables`` (the catalog's, by kind) with standards and committees, linked both ways."""
    orgs: dict[str, Organization] = tables.get(Kind.ORGANIZATION, {})
    committees = {k: _committee(k, e, orgs) for k, e in valid.table(Kind.COMMITTEE).items()}
    link_parents(committees, valid.table(Kind.COMMITTEE))
    standards = {k: _standard(k, e, orgs, committees) for k, e in valid.table(Kind.STANDARD).items()}
    for key, s in standards.items():
        for old in dict.fromkeys(valid.table(Kind.STANDARD)[key].meta.supersedes):
            if old in standards and old != key:
                s.supersedes.append(standards[old])
                standards[old].superseded_by.append(s)
    resolve = _Resolver(standards)
    items: list[Article | Event] = [*articles, *events]
    for item in items:
        for written in item.designations:
            standard = resolve(written)
            if standard in item.standards:  # two spellings of one standard (a short list: linear overall)
                continue
            item.standards.append(standard)
            (standard.articles if isinstance(item, Article) else standard.events).append(item)  # type: ignore[arg-type]
    for s in standards.values():
        s.events.sort(key=Event.sort_key)
    _families(list(standards.values()))
    by_key = {designations.parse_committee(c.designation): c for c in committees.values()}
    for article in articles:  # reports naming a committee in their text, or listing one of its standards
        named = {by_key[k] for _, _, what, k in designations.find(article.body) if what == "committee" and k in by_key}
        named.update(s.committee for s in article.standards if s.committee is not None)
        article.committees = sorted(named, key=lambda c: c.id)  # its page links them (a preview re-renders it)
        for c in article.committees:
            c.articles.append(article)
    for s in standards.values():
        if s.committee is not None:
            s.committee.standards.append(s)
            s.committee.events.extend(s.events)
    for c in committees.values():
        c.articles.sort(key=Article.sort_key)
        c.events = sorted(dict.fromkeys(c.events), key=Event.sort_key)  # an event about two of its standards: once
    tables[Kind.STANDARD] = {s.id: s for s in sorted(standards.values(), key=_designation_order)}
    tables[Kind.COMMITTEE] = {c.id: c for c in sorted(committees.values(), key=_designation_order)}
    for c in tables[Kind.COMMITTEE].values():
        for org in dict.fromkeys(o for o in (c.organization, c.secretariat) if o is not None):
            org.referrers.setdefault(Kind.COMMITTEE, []).append(c)
    for s in tables[Kind.STANDARD].values():
        if s.publisher is not None:
            s.publisher.referrers.setdefault(Kind.STANDARD, []).append(s)


def _designation_order(node: Designated) -> tuple[Any, ...]:
    return designations.order(node.designation)


class _Resolver:
    """Designation as written → its standard (designations.Index); a new node without a file when none matches."""

    def __init__(self, standards: dict[str, Standard]) -> None:
        self.standards = standards
        self.index: designations.Index[Standard] = designations.Index()
        for s in standards.values():
            self.index.add(s.designation, s)

    def __call__(self, written: str) -> Standard:
        found = self.index.find(written)
        if found is None:
            ident = base = designations.slug(written)
            n = 2
            while ident in self.standards:
                ident, n = f"{base}-{n}", n + 1
            parsed = designations.parse(written)
            found = Standard(ident, "", "", 1, designation=parsed.key if parsed else " ".join(written.split()),
                             has_file=False)
            self.standards[ident] = found
            self.index.add(found.designation, found)
        return found


def _families(standards: list[Standard]) -> None:
    families: dict[str, list[Standard]] = {}
    for s in standards:
        families.setdefault(designations.family(s.designation), []).append(s)
    for members in families.values():
        members.sort(key=_designation_order)
        for s in members:
            s.editions = members


def _committee(key: str, e: Entry, orgs: dict[str, Organization]) -> Committee:
    m = e.meta
    return Committee(key, e.doc.path, e.doc.body, e.doc.body_line, designation=m.designation, title=m.title,
                     title_zh=m.title_zh, organization=orgs.get(m.organization or ""),
                     secretariat=orgs.get(m.secretariat or ""))


def _standard(key: str, e: Entry, orgs: dict[str, Organization], committees: dict[str, Committee]) -> Standard:
    m = e.meta
    return Standard(key, e.doc.path, e.doc.body, e.doc.body_line, designation=m.designation, title=m.title,
                    title_zh=m.title_zh, status=m.status, published=m.published, ics=list(m.ics), catalogue=m.url,
                    publisher=orgs.get(m.publisher or ""), committee=committees.get(m.committee or ""))
