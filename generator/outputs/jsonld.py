"""schema.org JSON-LD for each page, built from catalog nodes, to Google's Article, Event and
Breadcrumb structured-data requirements.

Every entity has one ``@id`` — its permanent tag: URI (``tag:…:organization/iso``,
outputs/ids.py) — used wherever it appears, so the graphs of all pages join up and stay
joined when the site moves. Dates keep their precision (``2017-07``); a date known to the
day gets a time zone (midnight UTC, as in the feeds). Chinese names carry ``@language: zh``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..catalog.nodes import Article, Event, Node, Organization, Person, Place, Topic
from ..dates import PartialDate, Precision
from ..kinds import KINDS
from .cards import LOGO
from .site import LANGUAGE, Site, modified, moment

CONTEXT = "https://schema.org"


def schema_type(kind: str) -> str | None:
    """The schema.org type a kind declares for its entries (generator/kinds/), if any."""
    declared = KINDS.get(kind)
    return declared.jsonld or None if declared else None

PAGE_TYPES = {"listing": "CollectionPage", "timeline": "CollectionPage", "home": "WebPage", "page": "WebPage"}
ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "mixed": "MixedEventAttendanceMode"}
LOCALITY_KINDS = ("city", "municipality")  # PostalAddress.addressLocality
REGION_KINDS = ("province",)  # PostalAddress.addressRegion

Json = dict[str, Any]


def node_id(node: Node, site: Site) -> str:
    return site.ids.node(node)


def ref(node: Node, site: Site) -> Json:
    """A reference to an entity described in full on its own page."""
    return {"@id": node_id(node, site), "@type": schema_type(node.kind), "name": node.label,
            "url": site.links.node(node)}


def date(value: PartialDate) -> str:
    """ISO 8601 as precise as the report: a day gets a time and zone, a month or year stays partial."""
    return moment(value).isoformat() if value.precision is Precision.DAY else value.iso()


def zh(name: str | None) -> Json | None:
    return {"@value": name, "@language": "zh"} if name else None


def _refs(nodes: Sequence[Node], site: Site) -> list[Json]:
    return [ref(n, site) for n in nodes]


def website_id(site: Site) -> str:
    return site.ids.of("website")


def publisher(site: Site) -> Json:
    """The portal as the publisher of every article, with its logo (Google's Article requirements)."""
    return {"@id": site.ids.of("publisher"), "@type": "Organization", "name": site.name,
            "url": site.links.href(""), "logo": {"@type": "ImageObject", "url": site.links.href(LOGO)}}


def website(site: Site) -> Json:
    return {"@id": website_id(site), "@type": "WebSite", "name": site.name, "url": site.links.href(""),
            "description": site.description, "inLanguage": LANGUAGE, "publisher": {"@id": publisher(site)["@id"]}}


def page_graph(kind: str, node: Node | None, url: str, title: str, breadcrumbs: Sequence[tuple[str, str]],
               site: Site, image: str | None = None) -> Json:
    """The JSON-LD document of one page: its main entity, the page itself and its breadcrumb trail.

    ``image`` is the page's social card (site-relative), also the main entity's image."""
    page_url = site.links.href(url)
    image_url = site.links.href(image) if image else None
    graph: list[Json] = []
    main: Json | None = None
    if node is not None and kind == node.kind and schema_type(node.kind):
        main = ENTITY.get(node.kind, generic)(node, site)
        if image_url and node.kind in ("article", "event"):
            main["image"] = [image_url]
        graph.append(main)
    page: Json = {"@id": site.ids.page(url), "@type": "ItemPage" if main else PAGE_TYPES.get(kind, "WebPage"),
                  "url": page_url, "name": title, "inLanguage": LANGUAGE, "isPartOf": {"@id": website_id(site)}}
    if image_url:
        page["primaryImageOfPage"] = {"@type": "ImageObject", "url": image_url, "width": 1200, "height": 630}
    if main:
        page["mainEntity"] = {"@id": main["@id"]}
    elif node is not None and schema_type(node.kind):  # further article pages of an entity
        page["about"] = ref(node, site)
    graph.append(page)
    if kind == "home":
        graph += [website(site), publisher(site)]
    if breadcrumbs:
        crumb_id = site.ids.of("breadcrumb/" + url)
        page["breadcrumb"] = {"@id": crumb_id}
        graph.append({"@id": crumb_id, "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": site.links.href(crumb_url)}
            for i, (name, crumb_url) in enumerate(breadcrumbs, start=1)
        ]})
    return {"@context": CONTEXT, "@graph": graph}


def _base(node: Node, site: Site, **fields: Any) -> Json:
    """@id, @type, url, then the given fields, dropping empty ones."""
    out: Json = {"@id": node_id(node, site), "@type": schema_type(node.kind), "url": site.links.node(node)}
    out.update({k: v for k, v in fields.items() if v not in (None, "", [])})
    return out


def article(a: Article, site: Site) -> Json:
    # author: the reporters the report credits; else the outlet it comes from; a report naming neither is the
    # portal's own.
    authors: list[Json] = [{"@type": "Person", "name": name} for name in a.source.authors]
    if not authors:
        authors = [{"@type": "Organization", "name": a.source.name} if a.source.attributed
                   else {"@id": publisher(site)["@id"], "@type": "Organization", "name": site.name,
                         "url": site.links.href("")}]
    source: Json | None = None
    if a.source.url or a.source.attributed:
        source = {"@type": "CreativeWork"}
        if a.source.url:
            source["url"] = a.source.url
        if a.source.attributed:
            source["publisher"] = {"@type": "Organization", "name": a.source.name}
        if a.source.date:
            source["datePublished"] = date(a.source.date)
    return _base(
        a, site, headline=a.title, description=a.summary, datePublished=date(a.date),
        dateModified=date(modified(a)), inLanguage=a.language, mainEntityOfPage=site.links.node(a),
        translationOfWork=ref(a.original, site) if a.original else None,
        workTranslation=_refs([t for t in a.translations if t is not a.original], site),
        author=authors, publisher=publisher(site),
        about=_refs(a.events, site), mentions=_refs([*a.organizations, *a.people], site),
        contentLocation=_refs(a.places, site), keywords=[t.name for t in a.topics] + a.designations,
        isBasedOn=source,
    )


def postal_address(place: Place) -> Json | None:
    """locality, region and country from the place tree (nearest first); None if it names none."""
    chain = [place, *place.ancestors[::-1]]
    address: Json = {"@type": "PostalAddress"}
    locality = next((p.name for p in chain if p.place_kind in LOCALITY_KINDS), None)
    region = next((p.name for p in chain if p.place_kind in REGION_KINDS), None)
    country = next((p.country for p in chain if p.country), None)
    for key, value in (("addressLocality", locality), ("addressRegion", region), ("addressCountry", country)):
        if value:
            address[key] = value
    return address if len(address) > 1 else None


def location(place: Place, site: Site) -> Json:
    out = ref(place, site)
    address = postal_address(place)
    if address:
        out["address"] = address
    return out


def event(e: Event, site: Site) -> Json:
    return _base(
        e, site, name=e.title, description=e.summary, startDate=date(e.date),
        endDate=date(e.end) if e.end else None, location=location(e.place, site) if e.place else None,
        eventStatus=CONTEXT + "/EventScheduled",  # reports are of events that took place as planned
        eventAttendanceMode=f"{CONTEXT}/{ATTENDANCE[e.attendance]}",
        organizer=_refs(e.organizations, site), attendee=_refs(e.people, site),
    )


def organization(o: Organization, site: Site) -> Json:
    names = [n for n in (o.short_name, *o.aliases) if n] + ([zh(o.name_zh)] if o.name_zh else [])
    same_as = list(dict.fromkeys([*([o.website] if o.website else []), *o.same_as]))
    return _base(
        o, site, name=o.name, alternateName=names, url=o.website or site.links.node(o),
        sameAs=same_as, mainEntityOfPage=site.links.node(o),
        parentOrganization=ref(o.parent, site) if o.parent else None,
        subOrganization=_refs(o.children, site), location=ref(o.place, site) if o.place else None,
        address={"@type": "PostalAddress", "addressCountry": o.country} if o.country else None,
        logo={"@type": "ImageObject", "url": site.links.href(o.logo)} if o.logo else None,
    )


def person(p: Person, site: Site) -> Json:
    latest = max(p.roles, key=lambda r: r.start or PartialDate(1)) if p.roles else None
    orgs = list(dict.fromkeys(r.organization for r in p.roles if r.organization))
    return _base(
        p, site, name=p.name, alternateName=zh(p.name_zh), jobTitle=latest.title if latest else None,
        affiliation=_refs(orgs, site),
    )


def place(p: Place, site: Site) -> Json:
    return _base(
        p, site, name=p.name, alternateName=zh(p.name_zh), address=postal_address(p),
        containedInPlace=ref(p.parent, site) if p.parent else None, containsPlace=_refs(p.children, site),
    )


def topic(t: Topic, site: Site) -> Json:
    return _base(t, site, name=t.name, description=t.description)


def standard(s: Any, site: Site) -> Json:
    """A standard as a CreativeWork: its designation is the identifier search engines and catalogues use."""
    return _base(s, site, name=f"{s.designation} {s.title}" if s.title else s.designation, identifier=s.designation,
                 alternateName=zh(s.title_zh), datePublished=date(s.published) if s.published else None,
                 publisher=ref(s.publisher, site) if s.publisher else None, sameAs=s.catalogue,
                 creativeWorkStatus=s.status)


def committee(c: Any, site: Site) -> Json:
    return _base(c, site, name=f"{c.designation} {c.title}", identifier=c.designation, alternateName=zh(c.title_zh),
                 parentOrganization=ref(c.parent or c.organization, site) if c.parent or c.organization else None,
                 subOrganization=_refs(c.children, site))


def generic(node: Node, site: Site) -> Json:
    """The main entity of a kind declared without a JSON-LD builder of its own: its type, name and links."""
    return _base(node, site, name=node.label)


ENTITY: dict[str, Any] = {
    "article": article, "event": event, "organization": organization, "person": person, "place": place,
    "topic": topic, "standard": standard, "committee": committee,
}
