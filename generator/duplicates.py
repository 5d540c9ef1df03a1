"""Two files for one thing: entities of a kind that share a name, short name, alias or Chinese name.

Names are compared by ``names.name_key`` (case, spaces and punctuation ignored), so a person added as
``tian-shi-hong`` beside ``tian-shihong``, or a second "Standardization Administration of China", is
reported. One dict of keys per kind: linear in the number of names. Events are compared by title and
date together (a yearly event keeps its title), topics by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .diagnostics import Report
from .load import Document, Kind
from .names import FIELD_WORDS, Naming, distinct_keys, namings
from .yamlsafe import Pos

_KINDS = {Kind.ORGANIZATION: "organization", Kind.PERSON: "person", Kind.PLACE: "place", Kind.EVENT: "event"}


class _Owner:
    __slots__ = ("doc", "ident", "naming", "path")

    def __init__(self, doc: Document, ident: str, naming: Naming, path: tuple[str | int, ...]) -> None:
        self.doc, self.ident, self.naming, self.path = doc, ident, naming, path


def _entities(documents: Iterable[Document]) -> Iterator[tuple[str, Document, str, Any, tuple[str | int, ...]]]:
    """(kind, document, id, raw fields, path of the fields in the document) of every entity and topic."""
    for doc in documents:
        data = doc.front.data
        if doc.kind is Kind.TOPICS and isinstance(data, dict):
            for key, fields in data.items():
                yield "topic", doc, str(key), fields, (str(key),)
        elif doc.kind in _KINDS:
            yield _KINDS[doc.kind], doc, doc.id, data, ()


def check(documents: Iterable[Document], report: Report) -> None:
    """Warn at the later of two entities of one kind that share a name, naming the earlier one's file."""
    seen: dict[tuple[str, str], _Owner] = {}
    reported: set[tuple[str, str, str]] = set()
    for kind, doc, ident, data, base in _entities(documents):
        when = data.get("date") if kind == "event" and isinstance(data, dict) else None
        for key, naming in distinct_keys(namings(kind, ident, data)):
            if kind == "event" and naming.field != "id":
                key = f"{key}@{when}"  # same title on another date: a yearly event, not a duplicate
            first = seen.setdefault((kind, key), _Owner(doc, ident, naming, base))
            if first.doc is doc and first.ident == ident:
                continue
            if first.ident == ident or (kind, first.ident, ident) in reported:
                continue  # the same id twice is a duplicate-id error already; one warning per pair
            reported.add((kind, first.ident, ident))
            _warn(kind, first, doc, ident, naming, base, report)


def _field(naming: Naming) -> str:
    return FIELD_WORDS.get(naming.field, naming.field)


def _warn(kind: str, first: _Owner, doc: Document, ident: str, naming: Naming, base: tuple[str | int, ...],
          report: Report) -> None:
    pos = _pos(doc, base, naming)
    where = first.doc.path
    if first.doc is doc:  # two topics in topics.yml
        where += f", line {_pos(doc, first.path, first.naming).line}"
    theirs = first.naming
    message = (
        f"{kind} '{ident}' may be a duplicate of '{first.ident}' ({where}): "
        f"its {_field(naming)} '{naming.text}' matches the {_field(theirs)} '{theirs.text}' of '{first.ident}'"
    )
    hint = (f"if both are the same {kind}, keep one and point every reference at it; "
            "if not, give them names that tell them apart")
    report.warning(doc.path, pos.line, pos.col, "duplicate-name", message, hint)


def _pos(doc: Document, base: tuple[str | int, ...], naming: Naming) -> Pos:
    if naming.field != "id":
        return doc.front.pos((*base, *naming.path))
    return doc.front.pos(base, key=True) if base else Pos(1, 1)  # a topic's key, or the file itself
