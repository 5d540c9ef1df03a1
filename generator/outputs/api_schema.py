"""JSON Schemas (draft 2020-12) of the data API files; their descriptions also document the API page.

Each kind declares its record's schema (``KindSpec.api_item``, built with generator/kinds/schema.py); a kind
without one gets the generic record's. Every key is always present (null or [] when unknown), and no other
key is allowed, so a consumer can rely on the shape and a test can tell when it drifts.
"""

from __future__ import annotations

from ..kinds import KINDS, mentioned_in
from ..kinds.schema import BODY, URL, Json, ident, idents, record, text, typed

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def items(name: str) -> Json:
    """The schema of one file's items: its kind's own (``api_item``), else the generic record's. Each has a
    list of ids per kind declared as mentioned by its kind (KindSpec.mentioned_by)."""
    declared = next(s for s in KINDS.values() if s.plural == name)
    known = declared.api_item
    if known is None:
        known = record({
            "id": ident(f"{declared.label.capitalize()} id."), "url": URL, "name": text("Display name."),
            **{r.field: idents(f"Ids in {KINDS[r.target].plural}.json.") for r in declared.references
               if r.within is None},
            "body": BODY,
        })
    extra = {s.plural: idents(f"Ids in {s.plural}.json of the {s.title.lower()} it mentions.")
             for s in mentioned_in(declared.kind)}
    if not extra:
        return known
    return record({**known["properties"], **extra}, known.get("description", ""))


def schema(name: str, schema_id: str) -> Json:
    """The schema of one API file: an envelope around a list of items."""
    return {
        "$schema": DRAFT, "$id": schema_id, "title": f"Standards News Portal data API: {name}",
        **record({
            "schema": typed("string", "Address of this schema.", format="uri-reference"),
            "count": typed("integer", "Number of items.", minimum=0),
            "items": typed("array", f"All {name}, in a fixed order.", items=items(name)),
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
