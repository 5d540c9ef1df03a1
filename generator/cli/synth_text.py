"""The pieces of a synthetic corpus (`portal synth`): entities, ids, and the text of a content file."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 60) -> str:
    slug = _SLUG_RE.sub("-", text.lower()).strip("-")
    if len(slug) > limit:  # cut at a word boundary
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug or "item"


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    front: dict[str, Any]
    body: str = ""
    refs: int = 0  # how often articles and events mention it


@dataclass(slots=True)
class ArticleDraft:
    date: dt.date
    precision: int  # 3 = day, 2 = month, 1 = year
    orgs: list[Entity] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    events: list[Entity] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


class Ids:
    """Unique ids within one kind; a repeated name gets a numbered id."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def take(self, name: str, limit: int = 60) -> str:
        base = slugify(name, limit)
        n = self.used.get(base, 0) + 1
        self.used[base] = n
        return base if n == 1 else f"{base}-{n}"

    def free(self, name: str, limit: int = 60) -> bool:
        """Whether ``take(name, limit)`` would give the plain slug (the same ``limit``: slugs are cut to it)."""
        return slugify(name, limit) not in self.used


def iso_date(d: dt.date, precision: int) -> str:
    return d.isoformat()[: {3: 10, 2: 7, 1: 4}[precision]]


def _yaml(value: Any, indent: str) -> str:
    """Block YAML for the plain data of front matter; every scalar is a quoted string."""
    if isinstance(value, dict):
        return "".join(f"\n{indent}{k}:{_yaml(val, indent + '  ')}" for k, val in value.items())
    if isinstance(value, list):
        lines = []
        for item in value:
            text = _yaml(item, indent + "  ")
            lines.append(f"\n{indent}- " + (text.lstrip("\n").lstrip() if isinstance(item, dict) else text.strip()))
        return "".join(lines)
    return " " + json.dumps(value, ensure_ascii=False)


def document_text(front: dict[str, Any], body: str) -> str:
    return "---" + _yaml(front, "") + "\n---\n\n" + body + "\n"


def page_files(n: int) -> dict[str, str]:
    return {
        "index.md": document_text({"title": "Standards News Portal", "description": "A synthetic corpus."},
                              f"A synthetic corpus of {n} reports about standardization, for benchmarks."),
        "about.md": document_text({"title": "About"}, "## What the portal covers\n\nNews about standardization."),
        "contribute.md": document_text({"title": "Contribute"}, "## How to contribute\n\nSend a report."),
    }
