"""Standards: content/standards/<id>.md — one edition of a standard, by its designation ("ISO 9001:2015")."""

from __future__ import annotations

from . import schema as s
from .spec import Kind, KindSpec, Ref

STANDARD_STATUSES = ("draft", "published", "under-review", "withdrawn")
ICS_PATTERN = r"^\d{2}(\.\d{3}(\.\d{2})?)?$"  # International Classification for Standards: 03, 03.120, 03.120.10

SPEC = KindSpec(
    Kind.STANDARD, "standards", "Standards", "Standard", rank=6, folder="standards",
    references=(Ref("publisher", "organization", many=False), Ref("committee", "committee", many=False),
                Ref("supersedes", "standard")),
    name_fields=("designation",), body="what it covers", template="standard.html",
    index_template="standards-index.html", jsonld="CreativeWork", feed=True, calendar=True, unreferenced=False,
    scaffold_body="say in a sentence or two what the standard covers, or delete this line.",
    api="Every standard, by id: designation, title, status, editions, committee and the reports about it.",
    api_item=s.record({
        "id": s.ident("Standard id (a standard without a file: made from its designation)."), "url": s.URL,
        "designation": s.text("Designation, e.g. ISO 9001:2015."),
        "title": s.text("English title.", nullable=True), "title_zh": s.text("Chinese title.", nullable=True),
        "has_file": s.typed("boolean", "false: known only from the designations reports list."),
        "status": s.choice(STANDARD_STATUSES, "Where it stands.", nullable=True),
        "published": s.date("When this edition was published", nullable=True),
        "ics": s.typed("array", "ICS codes of its field.", items={"type": "string", "pattern": ICS_PATTERN}),
        "catalogue_url": s.typed(["string", "null"], "Its page in the publisher's catalogue.", format="uri"),
        "publisher": s.ident("Id in organizations.json of its publisher.", nullable=True),
        "committee": s.ident("Id in committees.json of the committee responsible.", nullable=True),
        "supersedes": s.idents("Ids of the editions it replaces."),
        "superseded_by": s.idents("Ids of the editions that replace it."),
        "editions": s.idents("Ids of every edition of its family, oldest first, itself included."),
        "events": s.idents("Ids in events.json of events about it, in date order."),
        "articles": s.article_ids("Ids in articles.json of reports listing it, newest first."),
        "body": s.BODY,
    }),
)
