"""schema.org JSON-LD for each page, built from catalog nodes.

Every entity has one ``@id`` — its page URL plus a fragment naming its type
(``…/organizations/iso/#organization``) — used wherever it appears, so the
graphs of all pages join up. Dates keep their precision (``2017-07``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..catalog import Article, Event, Node, Organization, Person, Place, Topic
from ..dates import PartialDate
from .site import LANGUAGE, Site, modified

CONTEXT = "https://schema.org"
TYPES = {
    "article": "NewsArticle", "event": "Event", "organization": "Organization", "person": "Person",
    "place": "Place", "topic": "DefinedTerm",
}
PAGE_TYPES = {"listing": "CollectionPage", "timeline": "CollectionPage", "home": "WebPage", "page": "WebPage"}

Json = dict[str, Any]


def node_id(node: Node, site: Site) -> str:
    return site.links.node(node, node.kind)


def ref(node: Node, site: Site) -> Json:
    """A reference to an entity described in full on its own page."""
    return {"@id": node_id(node, site), "@type": TYPES[node.kind], "name": node.label}


def _refs(nodes: Sequence[Node], site: Site) -> list[Json]:
    return [ref(n, site) for n in nodes]


def website_id(site: Site) -> str:
    return site.links.href("") + "#website"


def publisher(site: Site) -> Json:
    return {"@id": site.links.href("") + "#publisher", "@type": "Organization", "name": site.name,
            "url": site.links.href("")}


def website(site: Site) -> Json:
    return {"@id": website_id(site), "@type": "WebSite", "name": site.name, "url": site.links.href(""),
            "description": site.description, "inLanguage": LANGUAGE, "publisher": {"@id": publisher(site)["@id"]}}


def page_graph(kind: str, node: Node | None, url: str, title: str, breadcrumbs: Sequence[tuple[str, str]],
               site: Site) -> Json:
    """The JSON-LD document of one page: its main entity, the page itself and its breadcrumb trail."""
    page_url = site.links.href(url)
    graph: list[Json] = []
    main: Json | None = None
    if node is not None and kind == node.kind and node.kind in TYPES:
        main = ENTITY[node.kind](node, site)
        graph.append(main)
    page: Json = {"@id": page_url, "@type": "ItemPage" if main else PAGE_TYPES.get(kind, "WebPage"),
                  "url": page_url, "name": title, "inLanguage": LANGUAGE, "isPartOf": {"@id": website_id(site)}}
    if main:
        page["mainEntity"] = {"@id": main["@id"]}
    elif node is not None and node.kind in TYPES:  # further article pages of an entity
        page["about"] = ref(node, site)
    graph.append(page)
    if kind == "home":
        graph += [website(site), publisher(site)]
    if breadcrumbs:
        crumb_id = page_url + "#breadcrumb"
        page["breadcrumb"] = {"@id": crumb_id}
        graph.append({"@id": crumb_id, "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": site.links.href(crumb_url)}
            for i, (name, crumb_url) in enumerate(breadcrumbs, start=1)
        ]})
    return {"@context": CONTEXT, "@graph": graph}


def _base(node: Node, site: Site, **fields: Any) -> Json:
    """@id, @type, url, then the given fields, dropping empty ones."""
    out: Json = {"@id": node_id(node, site), "@type": TYPES[node.kind], "url": site.links.node(node)}
    out.update({k: v for k, v in fields.items() if v not in (None, "", [])})
    return out


def article(a: Article, site: Site) -> Json:
    source: Json | None = None
    if a.source.url or a.source.attributed:
        source = {"@type": "CreativeWork"}
        if a.source.url:
            source["url"] = a.source.url
        if a.source.attributed:
            source["publisher"] = {"@type": "Organization", "name": a.source.name}
        if a.source.date:
            source["datePublished"] = a.source.date.iso()
    return _base(
        a, site, headline=a.title, description=a.summary, datePublished=a.date.iso(),
        dateModified=modified(a).iso(), inLanguage=LANGUAGE, mainEntityOfPage=site.links.node(a),
        publisher={"@id": publisher(site)["@id"], "@type": "Organization", "name": site.name},
        about=_refs(a.events, site), mentions=_refs([*a.organizations, *a.people], site),
        contentLocation=_refs(a.places, site), keywords=[t.name for t in a.topics] + a.standards,
        isBasedOn=source,
    )


def event(e: Event, site: Site) -> Json:
    return _base(
        e, site, name=e.title, description=e.summary, startDate=e.date.iso(),
        endDate=e.end.iso() if e.end else None, location=ref(e.place, site) if e.place else None,
        organizer=_refs(e.organizations, site), attendee=_refs(e.people, site),
    )


def organization(o: Organization, site: Site) -> Json:
    names = [n for n in (o.short_name, *o.aliases, o.name_zh) if n]
    return _base(
        o, site, name=o.name, alternateName=names, url=o.website or site.links.node(o),
        sameAs=[o.website] if o.website else [], mainEntityOfPage=site.links.node(o),
        parentOrganization=ref(o.parent, site) if o.parent else None,
        subOrganization=_refs(o.children, site), location=ref(o.place, site) if o.place else None,
        address={"@type": "PostalAddress", "addressCountry": o.country} if o.country else None,
    )


def person(p: Person, site: Site) -> Json:
    latest = max(p.roles, key=lambda r: r.start or PartialDate(1)) if p.roles else None
    orgs = list(dict.fromkeys(r.organization for r in p.roles if r.organization))
    return _base(
        p, site, name=p.name, alternateName=p.name_zh, jobTitle=latest.title if latest else None,
        affiliation=_refs(orgs, site),
    )


def place(p: Place, site: Site) -> Json:
    return _base(
        p, site, name=p.name, alternateName=p.name_zh,
        containedInPlace=ref(p.parent, site) if p.parent else None, containsPlace=_refs(p.children, site),
        address={"@type": "PostalAddress", "addressCountry": p.country} if p.country else None,
    )


def topic(t: Topic, site: Site) -> Json:
    return _base(t, site, name=t.name, description=t.description)


ENTITY: dict[str, Any] = {
    "article": article, "event": event, "organization": organization, "person": person, "place": place,
    "topic": topic,
}
