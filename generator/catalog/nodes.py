"""Catalog: one in-memory graph of all content, built once, linear in size.

References are resolved to objects and every link is kept in both directions
(organization → articles, events, people; event → articles; place → child
places, events, articles; person → articles, events; topic → articles).
Every output reads the catalog and nothing else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..dates import PartialDate
from ..validate.entries import Entry, Valid, parent_loops

_NO_DATE = PartialDate(1)  # placeholder default; every real node gets its date from the model
RELATED_WINDOW = 12  # neighbours looked at per shared entity: keeps "related" linear


@dataclass(eq=False, slots=True, repr=False)
class Node:
    id: str
    path: str  # source file, for diagnostics
    body: str  # Markdown
    body_line: int

    kind = "node"
    section = ""

    def __repr__(self) -> str:
        # Short on purpose: the graph is cyclic, a field-by-field repr would never end.
        return f"<{type(self).__name__} {self.id}>"

    @property
    def url(self) -> str:
        return f"{self.section}/{self.id}/"

    @property
    def label(self) -> str:  # pragma: no cover - overridden
        return self.id


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
    section = "topics"

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
    section = "places"

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
    section = "organizations"

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
    section = "people"

    @property
    def label(self) -> str:
        return self.name

    def role_label(self) -> str | None:
        """Most recent role, e.g. 'deputy director, SMBQTS'."""
        if not self.roles:
            return None
        role = max(self.roles, key=lambda r: r.start or _NO_DATE)
        org = role.organization
        return f"{role.title}, {org.short_name or org.name}" if org else role.title


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

    kind = "event"
    section = "events"

    @property
    def label(self) -> str:
        return self.title

    def sort_key(self) -> tuple[PartialDate, str]:
        return (self.date, self.id)


@dataclass(eq=False, slots=True, repr=False)
class Source:
    name: str
    url: str | None
    date: PartialDate | None
    authors: list[str] = field(default_factory=list)

    @property
    def attributed(self) -> bool:
        return self.name.strip().lower() != "unattributed"


@dataclass(eq=False, slots=True, repr=False)
class Image:
    caption: str
    credit: str | None
    file: str | None


@dataclass(eq=False, slots=True, repr=False)
class Article(Node):
    slug: str = ""
    title: str = ""
    date: PartialDate = _NO_DATE
    updated: PartialDate | None = None
    summary: str = ""
    source: Source = field(default_factory=lambda: Source("", None, None))
    standards: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    html: str | None = None  # rendered body, filled in by the site build
    index: int = 0  # position in Catalog.articles (newest first)
    previous: Article | None = None  # older
    next: Article | None = None  # newer

    kind = "article"
    section = "news"

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


@dataclass(slots=True)
class Catalog:
    articles: dict[str, Article] = field(default_factory=dict)  # newest first
    organizations: dict[str, Organization] = field(default_factory=dict)  # by name
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)  # chronological
    topics: dict[str, Topic] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)  # paths of draft articles left out

    @property
    def article_list(self) -> list[Article]:
        return list(self.articles.values())

    @property
    def event_list(self) -> list[Event]:
        return list(self.events.values())

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.articles), "events": len(self.events),
            "organizations": len(self.organizations), "people": len(self.people),
            "places": len(self.places), "topics": len(self.topics), "pages": len(self.pages),
        }

    def all_nodes(self) -> Iterator[Node]:
        for table in (self.pages, self.articles, self.events, self.organizations, self.people,
                      self.places, self.topics):
            yield from table.values()

    def related_articles(self, article: Article, limit: int = 5) -> list[Article]:
        """Articles sharing events (weight 3) or organizations (weight 1), best first.

        Only the RELATED_WINDOW nearest articles of each shared entity are looked
        at, so the cost per article is bounded however popular an entity is.
        """
        scores: Counter[Article] = Counter()
        for weight, entities in ((3, article.events), (1, article.organizations)):
            for entity in entities:
                for other in _window(entity.articles, article):
                    if other is not article:
                        scores[other] += weight
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0].sort_key()))
        return [a for a, _ in ranked[:limit]]


def _window(articles: list[Article], around: Article) -> list[Article]:
    """The articles of an entity nearest in date to ``around`` (lists are newest first)."""
    if len(articles) <= RELATED_WINDOW:
        return articles
    lo, hi = 0, len(articles)
    key = around.sort_key()
    while lo < hi:  # binary search: lists are sorted by Article.sort_key
        mid = (lo + hi) // 2
        if articles[mid].sort_key() < key:
            lo = mid + 1
        else:
            hi = mid
    half = RELATED_WINDOW // 2
    start = max(0, min(lo - half, len(articles) - RELATED_WINDOW))
    return articles[start:start + RELATED_WINDOW]


def build(valid: Valid) -> Catalog:
    """Resolve the validated content into the catalog. Unresolvable references
    (already reported by the validator) are dropped, so this never fails."""
    cat = Catalog()
    for key, e in sorted(valid.topics.items()):
        cat.topics[key] = Topic(key, e.doc.path, "", 1, name=e.meta.name, description=e.meta.description)
    places = {k: _place(k, e) for k, e in valid.places.items()}
    _link_parents(places, valid.places)
    orgs = {k: _organization(k, e, places) for k, e in valid.organizations.items()}
    _link_parents(orgs, valid.organizations)
    for org in orgs.values():
        if org.place is not None:
            org.place.organizations.append(org)
    people: dict[str, Person] = {}
    for key, e in valid.people.items():
        person = Person(key, e.doc.path, e.doc.body, e.doc.body_line, name=e.meta.name, name_zh=e.meta.name_zh)
        for r in e.meta.roles:
            role_org = orgs.get(r.organization) if r.organization else None
            role = Role(r.title, person, role_org, r.from_, r.to)
            person.roles.append(role)
            if role_org is not None:
                role_org.roles.append(role)
        people[key] = person
    events: dict[str, Event] = {}
    for key, e in valid.events.items():
        meta = e.meta
        event = Event(
            key, e.doc.path, e.doc.body, e.doc.body_line, title=meta.title, date=meta.date,
            end=meta.end, event_kind=meta.kind, summary=meta.summary, attendance=meta.attendance,
            place=places.get(meta.place) if meta.place else None,
            organizations=_resolve(meta.organizations, orgs),
            people=_resolve(meta.people, people),
        )
        events[key] = event
    for event in sorted(events.values(), key=Event.sort_key):
        cat.events[event.id] = event
        if event.place is not None:
            event.place.events.append(event)
        for org in event.organizations:
            org.events.append(event)
        for person in event.people:
            person.events.append(event)

    articles: list[Article] = []
    for key, e in valid.articles.items():
        meta = e.meta
        if meta.draft:
            cat.drafts.append(e.doc.path)
            continue
        articles.append(Article(
            key, e.doc.path, e.doc.body, e.doc.body_line, slug=key.split("/", 1)[1],
            title=meta.title, date=meta.date, updated=meta.updated, summary=meta.summary,
            source=Source(meta.source.name, meta.source.url, meta.source.date, list(meta.source.authors)),
            standards=list(meta.standards),
            images=[Image(i.caption, i.credit, i.file) for i in meta.images],
            organizations=_resolve(meta.organizations, orgs), people=_resolve(meta.people, people),
            places=_resolve(meta.places, places), events=_resolve(meta.events, events),
            topics=_resolve(meta.topics, cat.topics),
        ))
    articles.sort(key=Article.sort_key)
    for i, article in enumerate(articles):
        article.index = i
        article.next = articles[i - 1] if i > 0 else None
        article.previous = articles[i + 1] if i + 1 < len(articles) else None
        cat.articles[article.id] = article
        for entity in (*article.organizations, *article.people, *article.places, *article.events,
                       *article.topics):
            entity.articles.append(article)  # type: ignore[attr-defined]
        orgs_here = article.organizations
        for a in orgs_here:  # at most a handful per article: linear overall
            for b in orgs_here:
                if a is not b:
                    a.co_mentions[b] += 1

    for key in sorted(orgs, key=lambda k: (orgs[k].name.lower(), k)):
        cat.organizations[key] = orgs[key]
    for key in sorted(people, key=lambda k: (people[k].name.lower(), k)):
        cat.people[key] = people[key]
    for key in sorted(places, key=lambda k: (places[k].name.lower(), k)):
        cat.places[key] = places[key]
    for key, e in sorted(valid.pages.items()):
        cat.pages[key] = Page(
            key, e.doc.path, e.doc.body, e.doc.body_line,
            title=e.meta.title, description=e.meta.description,
        )
    return cat


def _resolve(ids: list[str], table: dict[str, Any]) -> list[Any]:
    return [table[i] for i in dict.fromkeys(ids) if i in table]


def _link_parents(nodes: dict[str, Any], entries: dict[str, Entry]) -> None:
    """Set parent/children; links inside a loop (reported by the validator) are left out."""
    in_loop = {key for loop in parent_loops(entries) for key in loop}
    for key, node in nodes.items():
        parent_key = entries[key].meta.parent
        if parent_key in nodes and key not in in_loop:
            node.parent = nodes[parent_key]
            nodes[parent_key].children.append(node)


def _place(key: str, e: Entry) -> Place:
    m = e.meta
    return Place(key, e.doc.path, e.doc.body, e.doc.body_line, name=m.name, name_zh=m.name_zh,
                 place_kind=m.kind, country=m.country)


def _organization(key: str, e: Entry, places: dict[str, Place]) -> Organization:
    m = e.meta
    return Organization(
        key, e.doc.path, e.doc.body, e.doc.body_line, name=m.name, short_name=m.short_name,
        aliases=list(m.aliases), name_zh=m.name_zh, org_kind=m.kind, country=m.country,
        website=m.website, same_as=list(m.same_as), logo=m.logo, place=places.get(m.place) if m.place else None,
    )
