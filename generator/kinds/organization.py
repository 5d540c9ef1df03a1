"""Organizations: content/organizations/<id>.md — standards bodies, bureaus, agencies, companies."""

from __future__ import annotations

from . import schema as s
from .spec import Kind, KindSpec, Ref

ORG_KIND_LABELS = {  # what sort of organization it is → the heading of its group in the index
    "international-body": "International bodies", "regional-body": "Regional bodies",
    "national-body": "National bodies", "government": "Governments",
    "government-agency": "Government agencies", "committee": "Committees", "company": "Companies",
    "association": "Associations and platforms", "media": "Media", "other": "Other organizations",
}
ORGANIZATION_KINDS = tuple(ORG_KIND_LABELS)

SPEC = KindSpec(
    Kind.ORGANIZATION, "organizations", "Organizations", "Organization", rank=1, folder="organizations",
    references=(Ref("parent", "organization", many=False), Ref("place", "place", many=False)),
    name_fields=("name", "short_name", "aliases", "name_zh"), template="organization.html",
    index_template="organizations-index.html", jsonld="Organization", feed=True, calendar=True,
    api="Every organization, by id, with its hierarchy, place, people, events and articles.",
    index_order=("org_kind", "name"),  # grouped by kind of organization (alphabetically), then by name
    refuse_namesakes=True, scaffold_body="describe the organization in a sentence or two, or delete this line.",
    distinguishing=("name_zh", "parent", "place"), tell_apart="give each its parent, place or Chinese name (name_zh)",
    api_item=s.record({
        "id": s.ident("Organization id."), "url": s.URL, "name": s.text("Full English name."),
        "short_name": s.text("Abbreviation used in reports.", nullable=True),
        "aliases": s.texts("Other names and spellings."),
        "name_zh": s.text("Chinese name.", nullable=True),
        "kind": s.choice(ORGANIZATION_KINDS, "What sort of organization it is."),
        "country": s.COUNTRY,
        "website": s.typed(["string", "null"], "Official web address.", format="uri"),
        "same_as": s.typed("array", "Other pages that identify it, e.g. its Wikidata item.",
                           items={"type": "string", "format": "uri"}),
        "logo": s.typed(["string", "null"], "Its logo image, as a path from the site's root (images/…)."),
        "parent": s.ident("Id of the organization it belongs to.", nullable=True),
        "children": s.idents("Ids of organizations that belong to it."),
        "place": s.ident("Id in places.json of where it is based.", nullable=True),
        "people": s.idents("Ids in people.json of people with a role in it."),
        "events": s.idents("Ids in events.json, chronological."),
        "articles": s.article_ids("Ids in articles.json, newest first."), "body": s.BODY,
    }),
)
