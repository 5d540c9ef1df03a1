"""People: content/people/<id>.md, with the roles the reports give them."""

from __future__ import annotations

from . import schema as s
from .spec import Kind, KindSpec, Ref

SPEC = KindSpec(
    Kind.PERSON, "people", "People", "Person", rank=2, folder="people",
    references=(Ref("organization", "organization", many=False, within="roles"),),
    name_fields=("name", "name_zh"), body="a short biography", template="person.html",
    index_template="people-index.html", jsonld="Person", api="Every person, by id, with the roles the reports give.",
    # Two people named Wang Wei: told apart by their Chinese names, or by roles in different organizations.
    distinguishing=("name_zh", "roles.organization"),
    tell_apart="give each its Chinese name (name_zh), or its roles' organizations", names_in_any_order=True,
    refuse_namesakes=True, scaffold_body="a short biography as the reports give it, or delete this line.",
    api_item=s.record({
        "id": s.ident("Person id."), "url": s.URL, "name": s.text("Name as the reports write it."),
        "name_zh": s.text("Chinese name.", nullable=True),
        "roles": s.typed("array", "Positions held.", items=s.record({
            "title": s.text("The role."), "organization": s.ident("Id in organizations.json.", nullable=True),
            "from": s.date("When the role is first reported or began", nullable=True),
            "to": s.date("When it ended", nullable=True),
        })),
        "events": s.idents("Ids in events.json, chronological."),
        "articles": s.article_ids("Ids in articles.json, newest first."), "body": s.BODY,
    }),
)
