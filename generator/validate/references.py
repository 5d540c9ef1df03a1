"""References between files: every id a file names must exist; unknown ids get the likeliest meant one.

Checked on the raw front matter, so a file with other errors still has its references checked in the
same run. ``walk_references`` is the one walk over a document's references (also used by
`portal check --changed`, generator/cli/changed.py).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Report
from ..kinds import KINDS, TOPIC, TOPICS_FILE, KindSpec, folder_of, references
from ..load.frontmatter import Document
from ..load.yamlsafe import Path
from .names import name_fields, name_key, namings
from .valid import Entry, Valid, parent_loops


def walk_references(doc: Document) -> Iterator[tuple[Path, Any, str]]:
    """(front matter path, raw value, kind referred to) of every reference a document makes, as its kind's
    declaration lists them (generator/kinds/); read from the raw values, so that a file with other errors
    still has its references checked in the same run."""
    data = doc.front.data
    if not isinstance(data, dict):
        return
    for ref in references(doc.kind):
        if ref.within is not None:
            if isinstance(data.get(ref.within), list):
                for i, item in enumerate(data[ref.within]):
                    if isinstance(item, dict):
                        yield (ref.within, i, ref.field), item.get(ref.field), ref.target
        elif not ref.many:
            yield (ref.field,), data.get(ref.field), ref.target
        elif isinstance(data.get(ref.field), list):
            for i, value in enumerate(data[ref.field]):
                yield (ref.field, i), value, ref.target


def referred_kinds() -> list[str]:
    """Every kind some declared field refers to (worked out again only when the declarations change: asked
    once per file, it was a quarter of `portal check --changed` at 10,000 files)."""
    global _referred
    declared = tuple(KINDS.values())  # held, and compared element by element (by identity first)
    if _referred is None or _referred[0] != declared:
        kinds = dict.fromkeys(r.target for s in KINDS.values() for r in (*s.references, *references(s.kind)))
        _referred = (declared, tuple(kinds))
    return list(_referred[1])


_referred: tuple[tuple[KindSpec, ...], tuple[str, ...]] | None = None


def check_references(valid: Valid, report: Report) -> ReferenceCheck:
    """Report every reference to an id that no file has; the counts are for ``warn_unreferenced``."""
    refs = ReferenceCheck({kind: valid.table(kind) for kind in referred_kinds()}, valid.known, report)
    for doc in valid.documents:
        for path, ref, what in walk_references(doc):
            refs.check(doc, path, ref, what)
    return refs


MAX_GUESSES = 20  # distinct unknown ids compared by spelling (names are looked up in a dict): hints stay linear


class ReferenceCheck:
    def __init__(self, tables: dict[str, dict[str, Entry]], known: dict[str, set[str]], report: Report) -> None:
        self.tables, self.known, self.report = tables, known, report
        self.counts: Counter[tuple[str, str]] = Counter()
        # (kind, id) of the entries some entry of the kind that must cover them (valid or not) reports on:
        # events an article lists (KindSpec.covered_by)
        self.covered: set[tuple[str, str]] = set()
        self._hints: dict[tuple[str, str], str] = {}  # one hint per distinct unknown id
        self._names: dict[str, dict[str, str]] = {}  # per kind: name key → id, built on first need
        self._guesses = 0

    def check(self, doc: Document, path: Path, ref: Any, what: str) -> None:
        if not isinstance(ref, str) or not ref:
            return  # a wrong type is the model's to report
        self.counts[(what, ref)] += 1
        if covers(doc.kind, what):
            self.covered.add((what, ref))
        table = self.tables[what]
        if ref in table or ref in self.known.get(what, ()):  # exists (maybe with its own errors)
            return
        pos = doc.front.pos(path)
        hint = self._hints.get((what, ref))
        if hint is None:
            hint = self._hints[(what, ref)] = self._hint(what, ref)
        self.report.error(doc.path, pos.line, pos.col, "unknown-reference", f"no {what} with id '{ref}'", hint,
                          target=(what, ref))

    def _hint(self, what: str, ref: str) -> str:
        """The id ``ref`` most likely meant: an entity named so (name, short name, alias, as name keys), an id
        of another kind, else the closest spelling of an id or a name; else how to create it."""
        table = self.tables[what]
        names = self._names.get(what)
        if names is None:
            names = self._names[what] = _name_index(what, table)
        key = name_key(ref)
        guess = names.get(key)
        if guess is None:  # an id of another kind, listed in the wrong field
            other = next((k for k, t in self.tables.items() if k != what and ref in t), None)
            if other is not None:
                return (f"'{ref}' is the id of {_a(other)} ({_title(self.tables[other][ref].meta)}), "
                        f"not of {_a(what)}")
        if guess is None and key and self._guesses < MAX_GUESSES:
            self._guesses += 1  # by spelling, against every id and name (as name keys)
            close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
            guess = names[close[0]] if close else None
        if guess is not None:
            return f"did you mean '{guess}' ({_title(table[guess].meta)})?"
        declared = KINDS.get(what)
        if declared is not None and declared.id_hint:
            return declared.id_hint
        folder = f"content/{folder_of(what)}/{ref}.md" if folder_of(what) else f"content/{TOPICS_FILE}"
        return f"create {folder} or fix the id"


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _title(meta: Any) -> str:
    return str(getattr(meta, "name", None) or getattr(meta, "title", ""))


def _name_index(what: str, table: dict[str, Entry]) -> dict[str, str]:
    """Name key (see names.name_key) of every id and name of the entities of one kind → id; linear."""
    index: dict[str, str] = {}
    for ident, entry in table.items():
        data = {key: getattr(entry.meta, key, None) for key in name_fields(what)}
        for naming in namings(what, ident, data):
            index.setdefault(name_key(naming.text), ident)
    index.pop("", None)
    return index




def check_cycles(table: dict[str, Entry], what: str, report: Report) -> None:
    for loop in parent_loops(table):
        cycle_error(table[loop[0]].doc, loop, what, report)


def cycle_error(first: Document, loop: list[str], what: str, report: Report) -> None:
    pos = first.front.pos(("parent",))
    report.error(
        first.path, pos.line, pos.col, "parent-cycle",
        f"{what} parents form a loop: {' → '.join([*loop, loop[0]])}",
        "one of these files must name a different parent, or none",
    )


def covers(kind: str, what: str) -> bool:
    """Whether an entry of ``kind`` naming one of ``what`` reports on it (an article listing an event)."""
    declared = KINDS.get(what)
    return declared is not None and declared.covered_by == kind


def warn_unreferenced(valid: Valid, refs: ReferenceCheck, report: Report) -> None:
    counts, covered = refs.counts, refs.covered
    for what in referred_kinds():
        declared = KINDS[what]
        if what == TOPIC or not declared.unreferenced:
            continue  # topics: below, warned at the topic's key
        by = declared.covered_by
        field = next((r.field for r in KINDS[by].references if r.target == what), what) if by else ""
        table = valid.table(what)
        for ident, entry in table.items():
            if counts[(what, ident)] == 0:
                report.warning(
                    entry.doc.path, 1, 1, "unreferenced",
                    f"no article or entity refers to {what} '{ident}'",
                    "list it in an article's front matter, or delete the file",
                )
            elif by and (what, ident) not in covered:
                report.warning(
                    entry.doc.path, 1, 1, "uncovered-event",
                    f"no {by} reports on {what} '{ident}'",
                    f"add it to the '{field}' list of the {by} that covers it",
                )
    for ident, entry in valid.topics.items():
        if counts[("topic", ident)] == 0:
            pos = entry.doc.front.pos((ident,), key=True)
            report.warning(
                entry.doc.path, pos.line, pos.col, "unreferenced",
                f"no article uses topic '{ident}'",
                "add it to an article's 'topics', or remove it from topics.yml",
            )
