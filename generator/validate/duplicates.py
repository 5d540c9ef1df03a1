"""Two files for one thing: entities of a kind that share a name, short name, alias or Chinese name.

Names are compared by ``names.name_key`` (case, spaces and punctuation ignored), so a person added as
``tian-shi-hong`` beside ``tian-shihong``, or a second "Standardization Administration of China", is
reported. One dict of keys per kind: linear in the number of names. Events are compared by title and
date together (a yearly event keeps its title), topics by name. Entities of one name that a field tells
apart (KindSpec.distinguishing) are not reported: real namesakes exist, and the editor needs a way to say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..diagnostics import Report
from ..kinds import Kind, by_folder, spec
from ..load.frontmatter import Document
from ..load.yamlsafe import Pos
from .names import FIELD_WORDS, Naming, distinct_keys, name_key, namings


class _Owner:
    __slots__ = ("data", "doc", "ident", "naming", "path")

    def __init__(self, doc: Document, ident: str, naming: Naming, path: tuple[str | int, ...], data: Any) -> None:
        self.doc, self.ident, self.naming, self.path, self.data = doc, ident, naming, path, data


_PER_KEY = 8  # owners kept per name: a common name compared with a bounded number of others (linear)


def _told_apart(kind: str, a: Any, b: Any) -> bool:
    """Whether a field the kind declares as distinguishing (KindSpec.distinguishing) tells ``a`` from ``b``."""
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    for key in spec(kind).distinguishing:
        items, _, inner = key.partition(".")
        if inner:  # "roles.organization": apart when both list some and they share none
            mine, theirs = _listed(a, items, inner), _listed(b, items, inner)
            if mine and theirs and not mine & theirs:
                return True
            continue
        x, y = a.get(key), b.get(key)
        if isinstance(x, str) and isinstance(y, str) and name_key(x) != name_key(y):
            return True
    return False


def _listed(data: dict[str, Any], items: str, field: str) -> set[str]:
    """The values of ``field`` in the mappings of the list ``data[items]``."""
    found = data.get(items)
    return {i[field] for i in found if isinstance(i, dict) and isinstance(i.get(field), str)} \
        if isinstance(found, list) else set()


def entities(documents: Iterable[Document]) -> Iterator[tuple[str, Document, str, Any, tuple[str | int, ...]]]:
    """(kind, document, id, raw fields, path of the fields in the document) of every entity and topic."""
    entity_kinds = set(by_folder().values())
    for doc in documents:
        data = doc.front.data
        if doc.kind is Kind.TOPICS and isinstance(data, dict):
            for key, fields in data.items():
                yield "topic", doc, str(key), fields, (str(key),)
        elif doc.kind in entity_kinds:
            yield doc.kind, doc, doc.id, data, ()


def name_keys(kind: str, ident: str, data: Any) -> Iterator[tuple[str, Naming]]:
    """(key, naming) of each distinct name an entity is compared by (also cached by validate/summaries.py)."""
    declared = spec(kind)
    joined = declared.name_with
    when = data.get(joined) if joined and isinstance(data, dict) else None
    for key, naming in distinct_keys(namings(kind, ident, data)):
        if joined and naming.field != "id":
            key = f"{key}@{when}"  # an event's title on another date: a yearly event, not a duplicate
        yield key, naming
        words = naming.text.split()
        if declared.names_in_any_order and naming.field != "id" and len(words) > 1:
            # Family name first or last: 'Takayanagi Sei-ichi' is 'Sei-ichi Takayanagi'.
            yield "order:" + " ".join(sorted(name_key(w) for w in words)), naming


def newest_last(documents: Iterable[Document], added: frozenset[str]) -> list[Document]:
    """The documents in file order, those whose files are ``added`` (new in this change) after the others."""
    docs = list(documents)
    return [d for d in docs if d.rel not in added] + [d for d in docs if d.rel in added] if added else docs


def check(documents: Iterable[Document], report: Report, added: frozenset[str] = frozenset()) -> None:
    """Warn at the later of two entities of one kind that share a name, naming the earlier one's file.

    Later: in file order, with the files ``added`` in this change last, so that the warning is on the new
    file, the one to fix, not on a published one. Any total order gives every pair one warning; the
    incremental check (validate/incremental.py) passes the same ``added`` to agree with the full one."""
    seen: dict[tuple[str, str], list[_Owner]] = {}
    warned: set[tuple[str, str]] = set()  # one warning per entity, at its first match
    for kind, doc, ident, data, base in entities(newest_last(documents, added)):
        for key, naming in name_keys(kind, ident, data):
            owners = seen.setdefault((kind, key), [])
            for first in owners:
                if first.ident == ident or (kind, ident) in warned:
                    continue  # itself, the same id twice (a duplicate-id error already), or warned
                if not _told_apart(kind, first.data, data):
                    warned.add((kind, ident))
                    _warn(kind, first, doc, ident, naming, base, report)
            if len(owners) < _PER_KEY:
                owners.append(_Owner(doc, ident, naming, base, data))


def _field(naming: Naming) -> str:
    return FIELD_WORDS.get(naming.field, naming.field)


def _warn(kind: str, first: _Owner, doc: Document, ident: str, naming: Naming, base: tuple[str | int, ...],
          report: Report) -> None:
    pos = _pos(doc, base, naming)
    where = first.doc.path
    if first.doc is doc:  # two topics in topics.yml
        where += f", line {_pos(doc, first.path, first.naming).line}"
    theirs = first.naming
    order = "" if name_key(naming.text) == name_key(theirs.text) else " in another order"
    message = (
        f"{kind} '{ident}' may be a duplicate of '{first.ident}' ({where}): "
        f"its {_field(naming)} '{naming.text}' matches{order} the {_field(theirs)} '{theirs.text}' of '{first.ident}'"
    )
    hint = f"if both are the same {kind}, keep one and point every reference at it; if not, {spec(kind).tell_apart}"
    report.warning(doc.path, pos.line, pos.col, "duplicate-name", message, hint, target=(kind, first.ident),
                   related=first.doc.path)


def _pos(doc: Document, base: tuple[str | int, ...], naming: Naming) -> Pos:
    if naming.field != "id":
        return doc.front.pos((*base, *naming.path))
    return doc.front.pos(base, key=True) if base else Pos(1, 1)  # a topic's key, or the file itself
