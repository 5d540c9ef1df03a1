"""Building blocks of the JSON Schemas (draft 2020-12) that kinds declare for their data API records.

Every key of a record is always present (null or [] when unknown) and no other key is allowed, so a consumer
can rely on the shape and a test can tell when it drifts. The descriptions also document the API page.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # an entity's id: its file name
ARTICLE_ID_PATTERN = r"^\d{4}/[a-z0-9]+(-[a-z0-9]+)*$"  # <year folder>/<file name>
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def typed(type_: str | list[str], description: str, **more: Any) -> Json:
    return {"type": type_, "description": description, **more}


def ident(description: str, nullable: bool = False, pattern: str = ID_PATTERN) -> Json:
    return typed(["string", "null"] if nullable else "string", description, pattern=pattern)


def idents(description: str, pattern: str = ID_PATTERN) -> Json:
    return typed("array", description, items={"type": "string", "pattern": pattern})


def date(description: str, nullable: bool = False) -> Json:
    return typed(["string", "null"] if nullable else "string", description + " (YYYY, YYYY-MM or YYYY-MM-DD)",
                 pattern=DATE_PATTERN)


def text(description: str, nullable: bool = False) -> Json:
    return typed(["string", "null"] if nullable else "string", description)


def texts(description: str) -> Json:
    return typed("array", description, items={"type": "string"})


def choice(values: tuple[str, ...], description: str, nullable: bool = False) -> Json:
    return {"enum": [*values, *([None] if nullable else [])], "description": description}


def record(props: Json, description: str = "") -> Json:
    out: Json = {"type": "object", "additionalProperties": False, "required": list(props), "properties": props}
    if description:
        out["description"] = description
    return out


PRECISION = choice(("year", "month", "day"), "How precise `date` is: a month or year alone is never padded to a day.")
URL = typed("string", "Page of this item on the portal.", format="uri-reference")
BODY = text("Body text in Markdown, as the editors wrote it.")
COUNTRY = typed(["string", "null"], "ISO 3166-1 alpha-2 code.", pattern=r"^[A-Z]{2}$")


def article_ids(description: str) -> Json:
    return idents(description, pattern=ARTICLE_ID_PATTERN)
