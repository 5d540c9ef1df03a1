"""`portal schema`: JSON Schemas of every content kind, for editors' tools (autocompletion, checks).

The schemas describe what the models accept; ``portal check`` stays the authority (it also
checks references, dates in year folders, files and the rest). tests/cli/test_schemas.py keeps
the committed ``schemas/`` folder in sync with the models.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..kinds import KINDS, TOPIC
from ..validate import models as m

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# One schema per declared kind (generator/kinds/), but topics: topics.yml is a mapping of topic id → Topic.


def _model_schema(model: type[m.Model]) -> dict[str, Any]:
    schema: dict[str, Any] = {"$schema": DIALECT, **model.model_json_schema(by_alias=True)}
    _empty_lists(schema)  # in place
    return schema


def _empty_lists(schema: Any) -> Any:
    """An optional list may be a key with nothing below it (as `portal new` writes it): null is allowed.

    `portal check` reads such a key as an empty list (validate._model_input); the schema says the same.
    """
    if isinstance(schema, dict):
        required = set(schema.get("required", ()))
        for key, prop in schema.get("properties", {}).items():
            if isinstance(prop, dict) and prop.get("type") == "array" and key not in required:
                prop["type"] = ["array", "null"]
        for value in schema.values():
            _empty_lists(value)
    elif isinstance(schema, list):
        for value in schema:
            _empty_lists(value)
    return schema


def _topics_schema() -> dict[str, Any]:
    topic = m.Topic.model_json_schema(by_alias=True)
    return {
        "$schema": DIALECT,
        "title": "Topics",
        "description": "content/topics.yml: each key is a topic id (lowercase letters, digits and hyphens).",
        "type": "object",
        "propertyNames": {"pattern": m.ID_PATTERN},
        "additionalProperties": {"$ref": "#/$defs/Topic"},
        "$defs": {"Topic": topic},
    }


def schemas() -> dict[str, dict[str, Any]]:
    """{file name: schema} for every kind."""
    out = {f"{kind}.schema.json": _model_schema(m.model_of(kind)) for kind in KINDS if kind != TOPIC}
    out["topics.schema.json"] = _topics_schema()
    return out


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(dump(schema), encoding="utf-8")
        written.append(path)
    return written


def cmd_schema(args: argparse.Namespace) -> int:
    for path in write(Path(args.output)):
        print(path.as_posix())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write JSON Schemas of the content kinds (for editors' tools)")
    p.add_argument("--output", default="schemas", help="folder to write to (default: schemas)")
    p.set_defaults(func=cmd_schema)
