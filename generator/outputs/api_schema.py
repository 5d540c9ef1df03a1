"""JSON Schemas (draft 2020-12) of the data API files; their descriptions also document the API page.

Every key is always present (null or [] when unknown), and no other key is allowed,
so a consumer can rely on the shape and a test can tell when it drifts.
"""

from __future__ import annotations

from typing import Any

from ..kinds import KINDS, mentioned_in
from ..validate.models import (
    ATTENDANCE_MODES,
    EVENT_KINDS,
    ID_PATTERN,
    ORGANIZATION_KINDS,
    PLACE_KINDS,
)
from ..validate.standard_models import ICS_PATTERN, STANDARD_STATUSES

Json = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _s(type_: str | list[str], description: str, **more: Any) -> Json:
    return {"type": type_, "description": description, **more}


def _id(description: str, nullable: bool = False, pattern: str = ID_PATTERN) -> Json:
    return _s(["string", "null"] if nullable else "string", description, pattern=pattern)


def _ids(description: str, pattern: str = ID_PATTERN) -> Json:
    return _s("array", description, items={"type": "string", "pattern": pattern})


def _date(description: str, nullable: bool = False) -> Json:
    return _s(["string", "null"] if nullable else "string", description + " (YYYY, YYYY-MM or YYYY-MM-DD)",
              pattern=DATE_PATTERN)


def _text(description: str, nullable: bool = False) -> Json:
    return _s(["string", "null"] if nullable else "string", description)


def _enum(values: tuple[str, ...], description: str, nullable: bool = False) -> Json:
    return {"enum": [*values, *([None] if nullable else [])], "description": description}


def _object(props: Json, description: str = "") -> Json:
    out: Json = {"type": "object", "additionalProperties": False, "required": list(props), "properties": props}
    if description:
        out["description"] = description
    return out


ARTICLE_ID = r"^\d{4}/[a-z0-9]+(-[a-z0-9]+)*$"
PRECISION = _enum(("year", "month", "day"), "How precise `date` is: a month or year alone is never padded to a day.")
URL = _s("string", "Page of this item on the portal.", format="uri-reference")
BODY = _text("Body text in Markdown, as the editors wrote it.")

ITEMS: dict[str, Json] = {
    "articles": _object({
        "id": _id("Article id: <year>/<slug>.", pattern=ARTICLE_ID), "url": URL,
        "title": _text("Headline."), "date": _date("Publication date"), "date_precision": PRECISION,
        "updated": _date("Date of the last substantive correction", nullable=True),
        "summary": _text("One or two plain-text sentences."),
        "source": _object({
            "name": _text("Publication the report comes from; 'Unattributed' when the original names none."),
            "url": _s(["string", "null"], "Web address of the original report.", format="uri"),
            "date": _date("Original publication date, if it differs", nullable=True),
            "authors": _s("array", "Reporters the original report credits.", items={"type": "string"}),
        }, "Where the report was first published."),
        "organizations": _ids("Ids in organizations.json."), "people": _ids("Ids in people.json."),
        "places": _ids("Ids in places.json."), "events": _ids("Ids in events.json."),
        "topics": _ids("Ids in topics.json."),
        "standards": _s("array", "Standard designations, e.g. 'ISO 9001'.", items={"type": "string"}),
        "images": _s("array", "Photo captions and credits.", items=_object({
            "caption": _text("Caption as the report gives it."), "credit": _text("Photo credit.", nullable=True),
            "file": _text("Site-relative path of the image file, if the portal has it.", nullable=True),
        })),
        "language": _text("Language of the report (BCP 47), e.g. en, zh."),
        "translation_of": _id("Id of the report it translates (the original).", nullable=True, pattern=ARTICLE_ID),
        "translations": _ids("Ids of the same report in other languages.", pattern=ARTICLE_ID),
        "body": BODY,
    }),
    "events": _object({
        "id": _id("Event id."), "url": URL, "title": _text("Name of the event."),
        "kind": _enum(EVENT_KINDS, "What sort of event it is."),
        "date": _date("When it happened"), "date_precision": PRECISION,
        "end": _date("Last day of a multi-day event", nullable=True),
        "in_calendar": _s("boolean", "Whether events.ics lists it (only events with a day-precision date)."),
        "attendance": _enum(ATTENDANCE_MODES, "How people took part: in person, online, or both."),
        "summary": _text("One line on what happened.", nullable=True),
        "place": _id("Id in places.json.", nullable=True),
        "organizations": _ids("Ids in organizations.json."), "people": _ids("Ids in people.json."),
        "articles": _ids("Ids in articles.json, newest first.", pattern=ARTICLE_ID),
        "standards": _s("array", "Designations of the standards it is about, as written.", items={"type": "string"}),
        "body": BODY,
    }),
    "organizations": _object({
        "id": _id("Organization id."), "url": URL, "name": _text("Full English name."),
        "short_name": _text("Abbreviation used in reports.", nullable=True),
        "aliases": _s("array", "Other names and spellings.", items={"type": "string"}),
        "name_zh": _text("Chinese name.", nullable=True),
        "kind": _enum(ORGANIZATION_KINDS, "What sort of organization it is."),
        "country": _s(["string", "null"], "ISO 3166-1 alpha-2 code.", pattern=r"^[A-Z]{2}$"),
        "website": _s(["string", "null"], "Official web address.", format="uri"),
        "same_as": _s("array", "Other pages that identify it, e.g. its Wikidata item.",
                      items={"type": "string", "format": "uri"}),
        "logo": _s(["string", "null"], "Its logo image, as a path from the site's root (images/…)."),
        "parent": _id("Id of the organization it belongs to.", nullable=True),
        "children": _ids("Ids of organizations that belong to it."),
        "place": _id("Id in places.json of where it is based.", nullable=True),
        "people": _ids("Ids in people.json of people with a role in it."),
        "events": _ids("Ids in events.json, chronological."),
        "articles": _ids("Ids in articles.json, newest first.", pattern=ARTICLE_ID), "body": BODY,
    }),
    "people": _object({
        "id": _id("Person id."), "url": URL, "name": _text("Name as the reports write it."),
        "name_zh": _text("Chinese name.", nullable=True),
        "roles": _s("array", "Positions held.", items=_object({
            "title": _text("The role."), "organization": _id("Id in organizations.json.", nullable=True),
            "from": _date("When the role is first reported or began", nullable=True),
            "to": _date("When it ended", nullable=True),
        })),
        "events": _ids("Ids in events.json, chronological."),
        "articles": _ids("Ids in articles.json, newest first.", pattern=ARTICLE_ID), "body": BODY,
    }),
    "places": _object({
        "id": _id("Place id."), "url": URL, "name": _text("English name."),
        "name_zh": _text("Chinese name.", nullable=True),
        "kind": _enum(PLACE_KINDS, "What sort of place it is.", nullable=True),
        "country": _s(["string", "null"], "ISO 3166-1 alpha-2 code.", pattern=r"^[A-Z]{2}$"),
        "parent": _id("Id of the place that contains it.", nullable=True),
        "children": _ids("Ids of places within it."),
        "organizations": _ids("Ids in organizations.json of organizations based here."),
        "events": _ids("Ids in events.json of events here (not in places within)."),
        "articles": _ids("Ids in articles.json of articles naming this place, newest first.", pattern=ARTICLE_ID),
        "body": BODY,
    }),
    "standards": _object({
        "id": _id("Standard id (a standard without a file: made from its designation)."), "url": URL,
        "designation": _text("Designation, e.g. ISO 9001:2015."),
        "title": _text("English title.", nullable=True), "title_zh": _text("Chinese title.", nullable=True),
        "has_file": _s("boolean", "false: known only from the designations reports list."),
        "status": _enum(STANDARD_STATUSES, "Where it stands.", nullable=True),
        "published": _date("When this edition was published", nullable=True),
        "ics": _s("array", "ICS codes of its field.", items={"type": "string", "pattern": ICS_PATTERN}),
        "catalogue_url": _s(["string", "null"], "Its page in the publisher's catalogue.", format="uri"),
        "publisher": _id("Id in organizations.json of its publisher.", nullable=True),
        "committee": _id("Id in committees.json of the committee responsible.", nullable=True),
        "supersedes": _ids("Ids of the editions it replaces."),
        "superseded_by": _ids("Ids of the editions that replace it."),
        "editions": _ids("Ids of every edition of its family, oldest first, itself included."),
        "events": _ids("Ids in events.json of events about it, in date order."),
        "articles": _ids("Ids in articles.json of reports listing it, newest first.", pattern=ARTICLE_ID),
        "body": BODY,
    }),
    "committees": _object({
        "id": _id("Committee id."), "url": URL, "designation": _text("Designation, e.g. ISO/TC 176."),
        "title": _text("English title."), "title_zh": _text("Chinese title.", nullable=True),
        "organization": _id("Id in organizations.json of the organization it belongs to.", nullable=True),
        "secretariat": _id("Id in organizations.json of the organization holding its secretariat.", nullable=True),
        "parent": _id("Id of the committee it is a sub-committee of.", nullable=True),
        "children": _ids("Ids of its sub-committees."),
        "standards": _ids("Ids in standards.json of the standards it is responsible for."),
        "events": _ids("Ids in events.json of events about its standards, in date order."),
        "articles": _ids("Ids in articles.json of reports naming it or its standards, newest first.",
                         pattern=ARTICLE_ID),
        "body": BODY,
    }),
    "topics": _object({
        "id": _id("Topic id."), "url": URL, "name": _text("Display name."),
        "description": _text("What the topic covers.", nullable=True),
        "articles": _ids("Ids in articles.json, newest first.", pattern=ARTICLE_ID),
    }),
}


def items(name: str) -> Json:
    """The schema of one file's items; a kind without one of its own above gets the generic record's. Each has a
    list of ids per kind declared as mentioned by its kind (KindSpec.mentioned_by)."""
    declared = next(s for s in KINDS.values() if s.plural == name)
    known = ITEMS.get(name)
    if known is None:
        known = _object({
            "id": _id(f"{declared.label.capitalize()} id."), "url": URL, "name": _text("Display name."),
            **{r.field: _ids(f"Ids in {KINDS[r.target].plural}.json.") for r in declared.references
               if r.within is None},
            "body": BODY,
        })
    extra = {s.plural: _ids(f"Ids in {s.plural}.json of the {s.title.lower()} it mentions.")
             for s in mentioned_in(declared.kind)}
    if not extra:
        return known
    return _object({**known["properties"], **extra}, known.get("description", ""))


def schema(name: str, schema_id: str) -> Json:
    """The schema of one API file: an envelope around a list of items."""
    return {
        "$schema": DRAFT, "$id": schema_id, "title": f"Standards News Portal data API: {name}",
        **_object({
            "schema": _s("string", "Address of this schema.", format="uri-reference"),
            "count": _s("integer", "Number of items.", minimum=0),
            "items": _s("array", f"All {name}, in a fixed order.", items=items(name)),
        }),
    }


def fields(name: str) -> list[tuple[str, str, str]]:
    """(field, type, description) of one file's items, for the API page."""
    out = []
    for key, prop in items(name)["properties"].items():
        kind = prop.get("type", "enum")
        if "enum" in prop:
            kind = "one of " + ", ".join(str(v) for v in prop["enum"] if v is not None)
            kind += " or null" if None in prop["enum"] else ""
        elif isinstance(kind, list):
            kind = " or ".join(kind)
        out.append((key, kind, prop.get("description", "")))
    return out
