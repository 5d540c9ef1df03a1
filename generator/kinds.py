"""Every kind of content the portal knows, declared once (in the spirit of Lektor's models).

A ``KindSpec`` says where a kind's files live, which pydantic model reads them, which fields refer
to which kind, how pages and lists name it, and what it gets: its page and index templates, a feed,
a calendar, a data API file, a JSON-LD type, a search record. Every stage reads these declarations
instead of keeping a table of its own; adding a kind is one ``KindSpec`` in ``KINDS`` (plus its
model, and a template if the generic ``portal/entity.html`` is not enough). What is genuinely
specific to one kind (an event's date range, an organization's hierarchy) stays in its model,
catalog builder and template.

This module imports nothing of the package: every stage may import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar


class Kind(str):
    """A kind's name ("organization"); one object per name, so kinds compare with ``is``."""

    _known: ClassVar[dict[str, Kind]] = {}
    ARTICLE: ClassVar[Kind]
    ORGANIZATION: ClassVar[Kind]
    PERSON: ClassVar[Kind]
    PLACE: ClassVar[Kind]
    EVENT: ClassVar[Kind]
    TOPICS: ClassVar[Kind]  # the topics file (its entries are of kind "topic")
    PAGE: ClassVar[Kind]
    STANDARD: ClassVar[Kind]
    COMMITTEE: ClassVar[Kind]

    def __new__(cls, name: str) -> Kind:
        known = cls._known.get(name)
        if known is None:
            known = cls._known[name] = super().__new__(cls, name)
        return known

    @property
    def value(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple[Any, tuple[str]]:  # sent to a render worker and back as the same object
        return Kind, (str(self),)

    @classmethod
    def existing(cls, name: str) -> Kind | None:
        """The kind of this name if the code defines it (a cache file read back names only those)."""
        return cls._known.get(name)


Kind.ARTICLE, Kind.ORGANIZATION, Kind.PERSON, Kind.PLACE = (Kind(n) for n in ("article", "organization",
                                                                            "person", "place"))
Kind.EVENT, Kind.TOPICS, Kind.PAGE = Kind("event"), Kind("topics"), Kind("page")
Kind.STANDARD, Kind.COMMITTEE = Kind("standard"), Kind("committee")
TOPIC = Kind("topic")  # an entry of topics.yml

TOPICS_FILE = "topics.yml"


@dataclass(frozen=True, slots=True)
class Ref:
    """A front matter field that names entries of another kind by id."""

    field: str  # "organizations", or the field inside each item of ``within``
    target: str  # the kind referred to
    many: bool = True  # a list of ids (else one id)
    within: str | None = None  # a list of mappings that holds the field: person roles → organization
    # How the value names its target: None, by id; "designation": as printed ("ISO 9001:2008"), matched by
    # generator/designations.py's key, and a target with no file of its own still gets a page.
    by: str | None = None


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: Kind
    section: str  # URL section, index page and data API file: "organizations"
    title: str  # plural, as the nav and index pages say it: "Organizations"
    model: str | type  # pydantic model: a class name in validate/models.py, or the class itself
    folder: str | None = None  # content/<folder>/<id>.md for entity kinds; None: laid out otherwise
    references: tuple[Ref, ...] = ()
    name_fields: tuple[str, ...] = ("name",)  # fields that name an entry (duplicates, hints, labels)
    body: str | None = "a short description"  # what goes below the front matter (None: no body)
    template: str | None = None  # page template under theme/portal/; None: entity.html
    index_template: str | None = None  # index template; None: entity-index.html
    jsonld: str = "Thing"  # schema.org type of its page's main entity; "" for none
    api: str = ""  # what its data API file (/api/v1/<section>.json) holds; "" for none
    feed: bool = False  # an RSS/Atom/JSON feed of its articles
    calendar: bool = False  # an iCalendar file of its events
    search: bool = True  # a search record for its page
    rank: int = 100  # place in the order editors meet kinds (field reference, `portal new`, folder lists)
    unreferenced: bool = True  # warn about an entry that nothing refers to (a catalogue of standards: no)
    # Kinds whose entries may name this kind's, in a list of ids named as its ``plural`` ("article": an article's
    # `regulations: [...]`): their models get the field, their pages link here, and this kind's pages back.
    mentioned_by: tuple[str, ...] = ()

    @property
    def page_template(self) -> str:
        return self.template or "entity.html"

    @property
    def list_template(self) -> str:
        return self.index_template or "entity-index.html"

    @property
    def plural(self) -> str:
        """Its name in counts and data API files: "organizations", "articles" (whose section is news)."""
        return "articles" if self.kind is Kind.ARTICLE else self.section or "pages"

    @property
    def label(self) -> str:  # "organization", "person"
        return str(self.kind)


_STANDARDS = Ref("standards", "standard", by="designation")
_ARTICLE_REFS = (Ref("organizations", "organization"), Ref("people", "person"), Ref("places", "place"),
                 Ref("events", "event"), Ref("topics", "topic"), _STANDARDS,
                 Ref("translation_of", "article", many=False))

# In the order of the site's sections (nav, pages, sitemap); ``rank`` orders them for editors.
KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (
    KindSpec(Kind.ARTICLE, "news", "News", "Article", rank=0, references=_ARTICLE_REFS, name_fields=("title",),
             body="the article text", template="article.html", index_template="news.html", unreferenced=False,
             jsonld="NewsArticle", api="Every published article, newest first, with its source and "
                                       "everything it mentions."),
    KindSpec(Kind.ORGANIZATION, "organizations", "Organizations", "Organization", rank=1,
             folder="organizations",
             references=(Ref("parent", "organization", many=False), Ref("place", "place", many=False)),
             name_fields=("name", "short_name", "aliases", "name_zh"), template="organization.html",
             index_template="organizations-index.html", jsonld="Organization", feed=True, calendar=True,
             api="Every organization, by id, with its hierarchy, place, people, events and articles."),
    KindSpec(Kind.EVENT, "events", "Events", "Event", rank=4, folder="events",
             references=(Ref("organizations", "organization"), Ref("people", "person"),
                         Ref("place", "place", many=False), _STANDARDS),
             name_fields=("title",), body="a description of what happened", template="event.html",
             index_template="events-index.html", jsonld="Event",
             api="Every event, by id, with its date as precise as the reports give it."),
    KindSpec(Kind.PERSON, "people", "People", "Person", rank=2, folder="people",
             references=(Ref("organization", "organization", many=False, within="roles"),),
             name_fields=("name", "name_zh"), body="a short biography", template="person.html",
             index_template="people-index.html", jsonld="Person",
             api="Every person, by id, with the roles the reports give."),
    KindSpec(Kind.PLACE, "places", "Places", "Place", rank=3, folder="places",
             references=(Ref("parent", "place", many=False),), name_fields=("name", "name_zh"),
             template="place.html", index_template="places-index.html", jsonld="Place", feed=True,
             api="Every place, by id, with the places within it."),
    KindSpec(TOPIC, "topics", "Topics", "Topic", rank=5, body=None, template="topic.html",
             index_template="topics-index.html",
             jsonld="DefinedTerm", feed=True, api="Every topic, by id, with its articles."),
    KindSpec(Kind.STANDARD, "standards", "Standards", "Standard", rank=6, folder="standards",
             references=(Ref("publisher", "organization", many=False), Ref("committee", "committee", many=False),
                         Ref("supersedes", "standard")),
             name_fields=("designation",), body="what it covers", template="standard.html",
             index_template="standards-index.html", jsonld="CreativeWork", feed=True, calendar=True,
             unreferenced=False,
             api="Every standard, by id: designation, title, status, editions, committee and the reports about it."),
    KindSpec(Kind.COMMITTEE, "committees", "Committees", "Committee", rank=7, folder="committees",
             references=(Ref("organization", "organization", many=False), Ref("parent", "committee", many=False),
                         Ref("secretariat", "organization", many=False)),
             name_fields=("designation", "title", "title_zh"), body="what it works on", template="committee.html",
             index_template="committees-index.html", jsonld="Organization", feed=True, calendar=True,
             unreferenced=False,
             api="Every technical committee, by id, with its parent, sub-committees, standards and reports."),
    KindSpec(Kind.PAGE, "", "Pages", "Page", rank=8, body="the page text", template="page.html", jsonld="",
             search=False),
)}


def spec(kind: str) -> KindSpec:
    return KINDS[kind]


def entity_kinds() -> list[KindSpec]:
    """Kinds with a page per entry and an index of their own (not articles, not site pages), in section order."""
    return [s for s in KINDS.values() if s.section and s.kind is not Kind.ARTICLE]


def for_editors() -> list[KindSpec]:
    """Every kind in the order editors meet them (by ``rank``, then as declared)."""
    return sorted(KINDS.values(), key=lambda s: s.rank)


def by_folder() -> dict[str, Kind]:
    """Content folder → kind, for the kinds that have one ("people" → person), in editors' order."""
    return {s.folder: s.kind for s in for_editors() if s.folder}


def folder_of(kind: str) -> str | None:
    found = KINDS.get(kind)
    return found.folder if found else None


def references(kind: str) -> tuple[Ref, ...]:
    """The references a kind's entries make by id: those it declares, and one per kind mentioned by it."""
    found = KINDS.get(kind)
    own = tuple(r for r in found.references if r.by is None) if found else ()
    return own + tuple(Ref(s.plural, s.kind) for s in mentioned_in(kind))


def mentioned_in(kind: str) -> list[KindSpec]:
    """The kinds an entry of ``kind`` may name in a list of their own (``KindSpec.mentioned_by``)."""
    return [s for s in KINDS.values() if kind in s.mentioned_by]


def by_designation(kind: str) -> tuple[Ref, ...]:
    """The references a kind's entries make by designation (an article's ``standards``)."""
    found = KINDS.get(kind)
    return tuple(r for r in found.references if r.by == "designation") if found else ()


def sections() -> list[str]:
    """Every section with a generated index page (also reserved as page names)."""
    return [s.section for s in KINDS.values() if s.section]


@contextmanager
def registered(*specs: KindSpec) -> Iterator[None]:
    """Declare more kinds for a while (tests: a throwaway kind), then forget them."""
    added = [s.kind for s in specs if s.kind not in KINDS]
    KINDS.update((s.kind, s) for s in specs)
    try:
        yield
    finally:
        for kind in added:
            del KINDS[kind]
