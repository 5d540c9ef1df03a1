"""Committees: content/committees/<id>.md — technical committees and sub-committees ("ISO/TC 176")."""

from __future__ import annotations

from . import schema as s
from .spec import Kind, KindSpec, Ref

SPEC = KindSpec(
    Kind.COMMITTEE, "committees", "Committees", "Committee", rank=7, folder="committees",
    references=(Ref("organization", "organization", many=False), Ref("parent", "committee", many=False),
                Ref("secretariat", "organization", many=False)),
    name_fields=("designation", "title", "title_zh"), body="what it works on", template="committee.html",
    index_template="committees-index.html", jsonld="Organization", feed=True, calendar=True, unreferenced=False,
    scaffold_body="say in a sentence or two what the committee works on, or delete this line.",
    api="Every technical committee, by id, with its parent, sub-committees, standards and reports.",
    api_item=s.record({
        "id": s.ident("Committee id."), "url": s.URL, "designation": s.text("Designation, e.g. ISO/TC 176."),
        "title": s.text("English title."), "title_zh": s.text("Chinese title.", nullable=True),
        "organization": s.ident("Id in organizations.json of the organization it belongs to.", nullable=True),
        "secretariat": s.ident("Id in organizations.json of the organization holding its secretariat.",
                               nullable=True),
        "parent": s.ident("Id of the committee it is a sub-committee of.", nullable=True),
        "children": s.idents("Ids of its sub-committees."),
        "standards": s.idents("Ids in standards.json of the standards it is responsible for."),
        "events": s.idents("Ids in events.json of events about its standards, in date order."),
        "articles": s.article_ids("Ids in articles.json of reports naming it or its standards, newest first."),
        "body": s.BODY,
    }),
)
