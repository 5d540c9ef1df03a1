"""Catalog: one in-memory graph of all content, built once, linear in size.

References are resolved to objects and every link is kept in both directions
(organization → articles, events, people; event → articles; place → child
places, events, articles; person → articles, events; topic → articles).
The nodes carry no MkDocs or rendering concern; generator/catalog/build.py makes them from the
valid entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..dates import PartialDate
from ..kinds import KINDS
from .article_parts import Image, Source

_NO_DATE = PartialDate(1)  # placeholder default; every real node gets its date from the model


@dataclass(eq=False, slots=True, repr=False)
class Node:
    id: str
    path: str  # source file, for diagnostics
    body: str  # Markdown
    body_line: int
    # Entries of kinds declared without a builder of their own (catalog/entity.py) that name this one, by kind.
    referrers: dict[str, list[Node]] = field(default_factory=dict)
    # Entries of such kinds this one names in a list of their own (``KindSpec.mentioned_by``), by kind.
    mentions: dict[str, list[Node]] = field(default_factory=dict)
    former: list[str] = field(default_factory=list)  # ids it had before `portal mv`, oldest first (moved_from)

    kind = "node"

    def __repr__(self) -> str:
        # Short on purpose: the graph is cyclic, a field-by-field repr would never end.
        return f"<{type(self).__name__} {self.id}>"

    @property
    def section(self) -> str:
        """Where its pages live, as its kind declares it (generator/kinds/)."""
        return KINDS[self.kind].section

    @property
    def url(self) -> str:
        return f"{self.section}/{self.id}/"

    @property
    def label(self) -> str:  # pragma: no cover - overridden
        return self.id

    @property
    def listed_articles(self) -> list[Article]:
        """The articles its page, feed and chart list, newest first (a place's include the places within)."""
        return list(getattr(self, "articles", ()))

    @property
    def listed_events(self) -> list[Event]:
        """The events its page and chart list, in date order (a place's include the places within)."""
        return list(getattr(self, "events", ()))


@dataclass(eq=False, slots=True, repr=False)
class Role:
    def __repr__(self) -> str:
        return f"<Role {self.title!r} of {self.person.id}>"

    title: str
    person: Person
    organization: Organization | None
    start: PartialDate | None
    end: PartialDate | None


@dataclass(eq=False, slots=True, repr=False)
class Topic(Node):
    name: str = ""
    description: str | None = None
    articles: list[Article] = field(default_factory=list)

    kind = "topic"

    @property
    def label(self) -> str:
        return self.name


@dataclass(eq=False, slots=True, repr=False)
class Place(Node):
    name: str = ""
    name_zh: str | None = None
    place_kind: str | None = None
    country: str | None = None
    parent: Place | None = None
    children: list[Place] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)

    kind = "place"

    @property
    def label(self) -> str:
        return self.name

    @property
    def ancestors(self) -> list[Place]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def subtree(self) -> Iterator[Place]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    @property
    def all_events(self) -> list[Event]:
        """Events here or in any place within (sorted by date)."""
        seen: dict[int, Event] = {}
        for place in self.subtree():
            for event in place.events:
                seen.setdefault(id(event), event)
        return sorted(seen.values(), key=Event.sort_key)

    @property
    def all_articles(self) -> list[Article]:
        seen: dict[int, Article] = {}
        for place in self.subtree():
            for article in place.articles:
                seen.setdefault(id(article), article)
        return sorted(seen.values(), key=Article.sort_key)

    @property
    def listed_articles(self) -> list[Article]:
        return self.all_articles

    @property
    def listed_events(self) -> list[Event]:
        return self.all_events


@dataclass(eq=False, slots=True, repr=False)
class Organization(Node):
    name: str = ""
    short_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    name_zh: str | None = None
    org_kind: str = "other"
    country: str | None = None
    website: str | None = None
    same_as: list[str] = field(default_factory=list)
    logo: str | None = None  # path of an image under content/images/
    parent: Organization | None = None
    place: Place | None = None
    children: list[Organization] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    co_mentions: Counter[Organization] = field(default_factory=Counter)

    kind = "organization"

    @property
    def label(self) -> str:
        return self.name

    @property
    def people(self) -> list[Person]:
        return list(dict.fromkeys(role.person for role in self.roles))

    def related(self, limit: int = 8) -> list[tuple[Organization, int]]:
        """Organizations that appear with this one most often."""
        ranked = sorted(self.co_mentions.items(), key=lambda kv: (-kv[1], kv[0].name))
        return ranked[:limit]


@dataclass(eq=False, slots=True, repr=False)
class Person(Node):
    name: str = ""
    name_zh: str | None = None
    roles: list[Role] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    kind = "person"

    @property
    def label(self) -> str:
        return self.name

    def role_label(self, at: PartialDate | None = None) -> str | None:
        """Their role as a page dated ``at`` should give it ('president, IEC' in a 2004 report, whatever they
        became later): the latest-begun role held then; without ``at``, the latest role. None: no role then."""
        roles = self.roles if at is None else [r for r in self.roles if _held(r, at)]
        if not roles:
            return None
        role = max(roles, key=lambda r: r.start or _NO_DATE)
        org = role.organization
        return f"{role.title}, {org.short_name or org.name}" if org else role.title


def _held(role: Role, at: PartialDate) -> bool:
    """Whether the role was held at ``at``, each date compared at the precision it is known to."""
    def cut(date: PartialDate, like: PartialDate) -> PartialDate:
        return PartialDate(date.year, date.month if like.month else 0, date.day if like.day else 0)

    started = role.start is None or role.start <= cut(at, role.start)
    return started and (role.end is None or cut(at, role.end) <= role.end)


@dataclass(eq=False, slots=True, repr=False)
class Event(Node):
    title: str = ""
    date: PartialDate = _NO_DATE
    end: PartialDate | None = None
    event_kind: str = "other"
    summary: str | None = None
    attendance: str = "offline"
    place: Place | None = None
    organizations: list[Organization] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    designations: list[str] = field(default_factory=list)  # `standards` as written
    standards: list[Any] = field(default_factory=list)  # what they resolve to (catalog/standards.py)

    kind = "event"

    @property
    def label(self) -> str:
        return self.title

    def sort_key(self) -> tuple[PartialDate, str]:
        return (self.date, self.id)


@dataclass(eq=False, slots=True, repr=False)
class Article(Node):
    slug: str = ""
    title: str = ""
    date: PartialDate = _NO_DATE
    updated: PartialDate | None = None
    summary: str = ""
    source: Source = field(default_factory=lambda: Source("", None, None))
    designations: list[str] = field(default_factory=list)  # `standards` as written
    standards: list[Any] = field(default_factory=list)  # what they resolve to (catalog/standards.py)
    committees: list[Any] = field(default_factory=list)  # named in its text or through its standards: its links
    images: list[Image] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    previous: Article | None = None  # older
    next: Article | None = None  # newer
    language: str = "en"  # BCP 47
    original: Article | None = None  # the report this one translates (translation_of)
    translations: list[Article] = field(default_factory=list)  # the same report in other languages

    kind = "article"

    @property
    def url(self) -> str:
        return f"news/{self.id}/"

    @property
    def label(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.date.year

    def sort_key(self) -> tuple[Any, ...]:
        """Newest first; ties broken by id so order never depends on the file system."""
        return (-self.date.year, -self.date.month, -self.date.day, self.id)


@dataclass(eq=False, slots=True, repr=False)
class Page(Node):
    title: str | None = None
    description: str | None = None

    kind = "page"

    @property
    def url(self) -> str:
        return "" if self.id == "index" else f"{self.id}/"
