"""Two files for one thing: entities of a kind that share a name, short name, alias or Chinese name.

Names are compared by ``names.name_key`` (case, spaces and punctuation ignored), so a person added as
``tian-shi-hong`` beside ``tian-shihong``, or a second "Standardization Administration of China", is
reported. One dict of keys per kind: linear in the number of names. Events are compared by title and
date together (a yearly event keeps its title), topics by name. Entities of one name that a field tells
apart (see _DISTINGUISHING) are not reported: real namesakes exist, and the editor needs a way to say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..diagnostics import Report
from ..kinds import Kind, by_folder
from ..load.frontmatter import Document
from ..load.yamlsafe import Pos
from .names import FIELD_WORDS, Naming, distinct_keys, name_key, namings


class _Owner:
    __slots__ = ("data", "doc", "ident", "naming", "path")

    def __init__(self, doc: Document, ident: str, naming: Naming, path: tuple[str | int, ...], data: Any) -> None:
        self.doc, self.ident, self.naming, self.path, self.data = doc, ident, naming, path, data


# Fields that tell two entities of one name apart when both give them and they differ: two people
# named Wang Wei with different Chinese names, two Putuo districts in different cities.
_DISTINGUISHING = {
    "organization": ("name_zh", "parent", "place"),
    "person": ("name_zh",),
    "place": ("name_zh", "parent", "country"),
    "event": ("place",),
    "topic": (),
}
HOW_TO_TELL_APART = {
    "organization": "give each its parent, place or Chinese name (name_zh)",
    "person": "give each its Chinese name (name_zh), or its roles' organizations",
    "place": "give each its parent, country or Chinese name (name_zh)",
    "event": "give each its place, or titles that tell them apart",
    "topic": "give them names that tell them apart",
}
_NAMES_APART = HOW_TO_TELL_APART["topic"]  # kinds with nothing but their names
_PER_KEY = 8  # owners kept per name: a common name compared with a bounded number of others (linear)


def _told_apart(kind: str, a: Any, b: Any) -> bool:
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    for key in _DISTINGUISHING.get(kind, ()):
        x, y = a.get(key), b.get(key)
        if isinstance(x, str) and isinstance(y, str) and name_key(x) != name_key(y):
            return True
    if kind == "person":  # roles in different organizations: two people of one name
        mine, theirs = _role_orgs(a), _role_orgs(b)
        return bool(mine and theirs and not mine & theirs)
    return False


def _role_orgs(data: dict[str, Any]) -> set[str]:
    roles = data.get("roles")
    return {r["organization"] for r in roles if isinstance(r, dict) and isinstance(r.get("organization"), str)} \
        if isinstance(roles, list) else set()


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
    when = data.get("date") if kind == "event" and isinstance(data, dict) else None
    for key, naming in distinct_keys(namings(kind, ident, data)):
        if kind == "event" and naming.field != "id":
            key = f"{key}@{when}"  # same title on another date: a yearly event, not a duplicate
        yield key, naming
        words = naming.text.split()
        if kind == "person" and naming.field != "id" and len(words) > 1:
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
    hint = (f"if both are the same {kind}, keep one and point every reference at it; "
            f"if not, {HOW_TO_TELL_APART.get(kind, _NAMES_APART)}")
    report.warning(doc.path, pos.line, pos.col, "duplicate-name", message, hint, target=(kind, first.ident),
                   related=first.doc.path)


def _pos(doc: Document, base: tuple[str | int, ...], naming: Naming) -> Pos:
    if naming.field != "id":
        return doc.front.pos((*base, *naming.path))
    return doc.front.pos(base, key=True) if base else Pos(1, 1)  # a topic's key, or the file itself
