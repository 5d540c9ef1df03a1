"""The static data API: /api/v1/<name>.json with a JSON Schema each under /api/v1/schema/.

Records hold the catalog's public fields, their URL, and cross-references as ids
into the other files. Articles are newest first (ties by id), everything else
is sorted by id, so unchanged content gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog.entity import Entity
from ..catalog.graph import Catalog
from ..catalog.nodes import Article, Event, Node, Organization, Person, Place, Topic
from ..catalog.standards import Committee, Standard
from ..dates import PartialDate
from ..kinds import KINDS, Kind, KindSpec, mentioned_in
from . import api_schema
from .calendar import in_calendar
from .site import Site
from .urls import API_ROOT, API_SCHEMA_ROOT

Json = dict[str, Any]

def files() -> dict[str, KindSpec]:
    """The data API files, by name, alphabetically: one per kind that declares what its file holds."""
    return {s.plural: s for s in sorted(KINDS.values(), key=lambda s: s.plural) if s.api}


@dataclass(frozen=True, slots=True)
class Endpoint:
    name: str
    path: str  # site-relative
    schema_path: str
    description: str
    count: int
    fields: list[tuple[str, str, str]]


def data_path(name: str) -> str:
    return f"{API_ROOT}{name}.json"


def schema_path(name: str) -> str:
    return f"{API_SCHEMA_ROOT}{name}.schema.json"


def endpoints(catalog: Catalog) -> list[Endpoint]:
    """What the API page documents."""
    counts = catalog.counts()
    return [Endpoint(name, data_path(name), schema_path(name), declared.api, counts[name],
                     api_schema.fields(name)) for name, declared in files().items()]


def _ids(nodes: Iterable[Node]) -> list[str]:
    return [n.id for n in nodes]


def _date(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


def _by_id(table: dict[str, Any]) -> list[Any]:
    return [table[k] for k in sorted(table)]


def article(a: Article, url: str) -> Json:
    return {
        "id": a.id, "url": url, "title": a.title, "date": a.date.iso(),
        "date_precision": a.date.precision.name.lower(), "updated": _date(a.updated), "summary": a.summary,
        "source": {"name": a.source.name, "url": a.source.url, "date": _date(a.source.date),
                   "authors": list(a.source.authors)},
        "organizations": _ids(a.organizations), "people": _ids(a.people), "places": _ids(a.places),
        "events": _ids(a.events), "topics": _ids(a.topics), "standards": list(a.designations),
        "images": [{"caption": i.caption, "credit": i.credit, "file": i.file} for i in a.images],
        "language": a.language, "translation_of": a.original.id if a.original else None,
        "translations": _ids(a.translations), "body": a.body, **mentions(a),
    }


def event(e: Event, url: str) -> Json:
    return {
        "id": e.id, "url": url, "title": e.title, "kind": e.event_kind, "date": e.date.iso(),
        "date_precision": e.date.precision.name.lower(), "end": _date(e.end), "in_calendar": in_calendar(e),
        "attendance": e.attendance,
        "summary": e.summary, "place": e.place.id if e.place else None,
        "organizations": _ids(e.organizations), "people": _ids(e.people), "articles": _ids(e.articles),
        "standards": list(e.designations), "body": e.body, **mentions(e),
    }


def organization(o: Organization, url: str) -> Json:
    return {
        "id": o.id, "url": url, "name": o.name, "short_name": o.short_name, "aliases": list(o.aliases),
        "name_zh": o.name_zh, "kind": o.org_kind, "country": o.country, "website": o.website,
        "same_as": list(o.same_as), "logo": o.logo,
        "parent": o.parent.id if o.parent else None, "children": sorted(_ids(o.children)),
        "place": o.place.id if o.place else None, "people": _ids(o.people), "events": _ids(o.events),
        "articles": _ids(o.articles), "body": o.body,
    }


def person(p: Person, url: str) -> Json:
    return {
        "id": p.id, "url": url, "name": p.name, "name_zh": p.name_zh,
        "roles": [{"title": r.title, "organization": r.organization.id if r.organization else None,
                   "from": _date(r.start), "to": _date(r.end)} for r in p.roles],
        "events": _ids(p.events), "articles": _ids(p.articles), "body": p.body,
    }


def place(p: Place, url: str) -> Json:
    return {
        "id": p.id, "url": url, "name": p.name, "name_zh": p.name_zh, "kind": p.place_kind, "country": p.country,
        "parent": p.parent.id if p.parent else None, "children": sorted(_ids(p.children)),
        "organizations": sorted(_ids(p.organizations)), "events": _ids(p.events), "articles": _ids(p.articles),
        "body": p.body,
    }


def topic(t: Topic, url: str) -> Json:
    return {"id": t.id, "url": url, "name": t.name, "description": t.description, "articles": _ids(t.articles)}


def standard(s: Standard, url: str) -> Json:
    return {
        "id": s.id, "url": url, "designation": s.designation, "title": s.title, "title_zh": s.title_zh,
        "has_file": s.has_file, "status": s.status, "published": _date(s.published), "ics": list(s.ics),
        "catalogue_url": s.catalogue, "publisher": s.publisher.id if s.publisher else None,
        "committee": s.committee.id if s.committee else None, "supersedes": _ids(s.supersedes),
        "superseded_by": _ids(s.superseded_by), "editions": _ids(s.editions), "events": _ids(s.events),
        "articles": _ids(s.articles), "body": s.body,
    }


def committee(c: Committee, url: str) -> Json:
    return {
        "id": c.id, "url": url, "designation": c.designation, "title": c.title, "title_zh": c.title_zh,
        "organization": c.organization.id if c.organization else None,
        "secretariat": c.secretariat.id if c.secretariat else None, "parent": c.parent.id if c.parent else None,
        "children": sorted(_ids(c.children)), "standards": _ids(c.standards), "events": _ids(c.events),
        "articles": _ids(c.articles), "body": c.body,
    }


def generic(e: Entity, url: str) -> Json:
    """An entry of a kind declared without a record of its own: its name, references and body."""
    return {"id": e.id, "url": url, "name": e.name, **{f: _ids(nodes) for f, nodes in e.links.items()},
            "body": e.body, **mentions(e)}


def mentions(node: Node) -> Json:
    """Its lists of ids of the kinds declared as mentioned by its kind (KindSpec.mentioned_by), empty or not."""
    return {s.plural: _ids(node.mentions.get(s.kind, [])) for s in mentioned_in(node.kind)}


# The records of the built-in kinds; every other declared kind gets the generic one.
RECORDS: dict[str, Callable[[Any, str], Json]] = {
    "articles": article, "events": event, "organizations": organization, "people": person, "places": place,
    "topics": topic, "standards": standard, "committees": committee,
}


def tables(catalog: Catalog) -> dict[str, tuple[list[Any], Callable[[Any, str], Json]]]:
    out: dict[str, tuple[list[Any], Callable[[Any, str], Json]]] = {}
    for name, declared in files().items():
        table = catalog.table(declared.kind)
        nodes = list(table.values()) if declared.kind is Kind.ARTICLE else _by_id(table)  # articles: newest first
        out[name] = (nodes, RECORDS.get(name, generic))
    return out


def _dump(data: Json) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_api(catalog: Catalog, site_dir: Path, site: Site) -> list[str]:
    written = []
    for name, (nodes, record) in tables(catalog).items():
        schema_url = site.links.href(schema_path(name))
        data = {"schema": schema_url, "count": len(nodes), "items": [record(n, site.links.node(n)) for n in nodes]}
        for rel, doc in ((data_path(name), data), (schema_path(name), api_schema.schema(name, schema_url))):
            path = site_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_dump(doc))
            written.append(rel)
    return written
