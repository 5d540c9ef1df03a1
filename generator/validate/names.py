"""Names compared the way an editor reads them: keys that ignore case, spaces and punctuation.

Used to catch a second file for the same organization, person or place (``portal check`` and
``portal new``) and to suggest the id an unknown reference most likely meant.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..kinds import KINDS


def name_key(text: str) -> str:
    """'Tian Shi-hong', 'tian shihong' and 'TIAN SHIHONG.' all give 'tianshihong'; CJK is kept."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


FIELD_WORDS = {"name": "name", "short_name": "short name", "aliases": "alias", "name_zh": "Chinese name",
               "title": "title", "id": "id"}


@dataclass(frozen=True, slots=True)
class Naming:
    """One name an entity goes by: which field (and list index) holds it, and the text."""

    field: str
    index: int | None
    text: str

    @property
    def path(self) -> tuple[str | int, ...]:
        return (self.field,) if self.index is None else (self.field, self.index)


def name_fields(kind: str) -> tuple[str, ...]:
    """The fields that name an entry of ``kind``, in the order they are compared (generator/kinds/)."""
    found = KINDS.get(kind)
    return found.name_fields if found else ()


def namings(kind: str, ident: str, data: Any) -> Iterator[Naming]:
    """Every name of an entity (its id last), from its raw front matter; wrong types are skipped."""
    if isinstance(data, dict):
        for key in name_fields(kind):
            value = data.get(key)
            if isinstance(value, str):
                yield Naming(key, None, value)
            elif isinstance(value, list):
                yield from (Naming(key, i, v) for i, v in enumerate(value) if isinstance(v, str))
    yield Naming("id", None, ident)


def distinct_keys(items: Iterable[Naming]) -> Iterator[tuple[str, Naming]]:
    """(key, naming) for each naming whose key is non-empty and not seen before in ``items``."""
    seen: set[str] = set()
    for item in items:
        key = name_key(item.text)
        if key and key not in seen:
            seen.add(key)
            yield key, item
