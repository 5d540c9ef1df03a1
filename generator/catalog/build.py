"""Valid entries → the catalog: one builder per kind, in the order references need them (topics,
places, organizations, people, events, articles, pages); every link is set in both directions.

Unresolvable references (already reported by the validator) are dropped, so this never fails.
"""

from __future__ import annotations

from typing import Any

from ..kinds import KINDS, TOPIC, Kind
from ..validate.valid import Entry, Valid
from .article_parts import Image, Source
from .entity import build_generic
from .graph import Catalog
from .nodes import Article, Event, Organization, Page, Person, Place, Role, Topic
from .parents import link_parents
from .standards import build as build_standards

# The kinds with a builder (and node class) of their own, above; any other declared kind is built generically.
BUILT = frozenset({Kind.ARTICLE, Kind.ORGANIZATION, Kind.PERSON, Kind.PLACE, Kind.EVENT, TOPIC, Kind.PAGE,
                   Kind.STANDARD, Kind.COMMITTEE})


def build(valid: Valid) -> Catalog:
    """Resolve the validated content into the catalog."""
    cat = Catalog()
    for key, e in sorted(valid.topics.items()):
        cat.topics[key] = Topic(key, e.doc.path, "", 1, name=e.meta.name, description=e.meta.description)
    places = {k: _place(k, e) for k, e in valid.places.items()}
    link_parents(places, valid.places)
    orgs = _organizations(valid, places)
    people = {key: _person(key, e, orgs) for key, e in valid.people.items()}
    _events(cat, valid, places, orgs, people)
    _articles(cat, valid, places, orgs, people)
    cat.organizations.update((key, orgs[key]) for key in _by_name(orgs))
    cat.people.update((key, people[key]) for key in _by_name(people))
    cat.places.update((key, places[key]) for key in _by_name(places))
    build_standards(cat.tables, valid, cat.article_list, cat.event_list)
    for key, page in sorted(valid.pages.items()):
        cat.pages[key] = Page(
            key, page.doc.path, page.doc.body, page.doc.body_line,
            title=page.meta.title, description=page.meta.description,
        )
    for declared in KINDS.values():  # kinds declared without a builder here: the generic one
        if declared.kind not in BUILT:
            build_generic(cat, valid, declared)
    for kind, table in cat.tables.items():  # ids before `portal mv`: redirects and unchanged permanent ids
        entries = valid.table(kind)
        for node in table.values():
            entry = entries.get(node.id)
            node.former = list(getattr(entry.meta, "moved_from", None) or []) if entry is not None else []
    return cat


def _by_name(nodes: dict[str, Organization] | dict[str, Person] | dict[str, Place]) -> list[str]:
    return sorted(nodes, key=lambda k: (nodes[k].name.lower(), k))


def _organizations(valid: Valid, places: dict[str, Place]) -> dict[str, Organization]:
    orgs = {k: _organization(k, e, places) for k, e in valid.organizations.items()}
    link_parents(orgs, valid.organizations)
    for org in orgs.values():
        if org.place is not None:
            org.place.organizations.append(org)
    return orgs


def _person(key: str, e: Entry, orgs: dict[str, Organization]) -> Person:
    person = Person(key, e.doc.path, e.doc.body, e.doc.body_line, name=e.meta.name, name_zh=e.meta.name_zh)
    for r in e.meta.roles:
        role_org = orgs.get(r.organization) if r.organization else None
        role = Role(r.title, person, role_org, r.from_, r.to)
        person.roles.append(role)
        if role_org is not None:
            role_org.roles.append(role)
    return person


def _events(cat: Catalog, valid: Valid, places: dict[str, Place], orgs: dict[str, Organization],
            people: dict[str, Person]) -> None:
    events: dict[str, Event] = {}
    for key, e in valid.events.items():
        meta = e.meta
        events[key] = Event(
            key, e.doc.path, e.doc.body, e.doc.body_line, title=meta.title, date=meta.date,
            end=meta.end, event_kind=meta.kind, summary=meta.summary, attendance=meta.attendance,
            place=places.get(meta.place) if meta.place else None,
            organizations=_resolve(meta.organizations, orgs),
            people=_resolve(meta.people, people), designations=list(dict.fromkeys(meta.standards)),
        )
    for event in sorted(events.values(), key=Event.sort_key):
        cat.events[event.id] = event
        if event.place is not None:
            event.place.events.append(event)
        for org in event.organizations:
            org.events.append(event)
        for person in event.people:
            person.events.append(event)


def _articles(cat: Catalog, valid: Valid, places: dict[str, Place], orgs: dict[str, Organization],
              people: dict[str, Person]) -> None:
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
            designations=list(dict.fromkeys(meta.standards)),
            images=[Image(i.caption, i.credit, i.file) for i in meta.images],
            organizations=_resolve(meta.organizations, orgs), people=_resolve(meta.people, people),
            places=_resolve(meta.places, places), events=_resolve(meta.events, cat.events),
            topics=_resolve(meta.topics, cat.topics), language=meta.language,
        ))
    articles.sort(key=Article.sort_key)
    _link_translations(articles, valid)
    for i, article in enumerate(articles):
        article.next = articles[i - 1] if i > 0 else None
        article.previous = articles[i + 1] if i + 1 < len(articles) else None
        cat.articles[article.id] = article
        _link_article(article)


def _link_translations(articles: list[Article], valid: Valid) -> None:
    """Each report and its translations link each other; a translation of a translation counts as one of the
    original (the report at the end of the translation_of chain; a loop has none and links nothing)."""
    by_id = {a.id: a for a in articles}

    def translates(a: Article) -> Article | None:
        return by_id.get(valid.articles[a.id].meta.translation_of or "")

    groups: dict[str, list[Article]] = {}
    for a in articles:
        seen, original = {a.id}, translates(a)
        while original is not None and (further := translates(original)) is not None and original.id not in seen:
            seen.add(original.id)
            original = further
        if original is not None and original.id not in seen:
            a.original = original
            groups.setdefault(original.id, [original]).append(a)
    for group in groups.values():
        for a in group:
            a.translations = [b for b in group if b is not a]


def _link_article(article: Article) -> None:
    for entity in (*article.organizations, *article.people, *article.places, *article.events, *article.topics):
        entity.articles.append(article)  # type: ignore[attr-defined]
    orgs_here = article.organizations
    for a in orgs_here:  # at most a handful per article: linear overall
        for b in orgs_here:
            if a is not b:
                a.co_mentions[b] += 1


def _resolve(ids: list[str], table: dict[str, Any]) -> list[Any]:
    return [table[i] for i in dict.fromkeys(ids) if i in table]


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
