"""What the checks of one file found, kept while its Document lives: `mkdocs serve`'s parse cache hands back
the same Document for a file whose bytes did not change, so a save validates only the files it changed.

``validate_file`` depends on the file's own bytes and the kind declarations alone (entries.py says so, and
validate/incremental.py caches it on disk the same way; a declared kind can add a field to another kind's
model through ``mentioned_by``, so all declarations count); an entry is used only for that very Document and
those very declarations, and entries of files no longer loaded are forgotten after each validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..diagnostics import Diagnostic, Report
from ..kinds import KINDS
from ..load.frontmatter import Document

_memo: dict[int, tuple[Document, tuple[Any, ...], Any, list[Diagnostic]]] = {}


def validated(doc: Document, report: Report, check: Callable[[Document, Report], Any]) -> Any:
    """``check(doc, report)``, or what it gave this Document before, its diagnostics added to ``report``."""
    declared = tuple(KINDS.values())  # held by the entry, so compared by identity
    hit = _memo.get(id(doc))
    if hit is not None and hit[0] is doc and len(hit[1]) == len(declared) \
            and all(a is b for a, b in zip(hit[1], declared, strict=True)):
        report.extend(hit[3])
        return hit[2]
    found = Report()
    meta = check(doc, found)
    _memo[id(doc)] = (doc, declared, meta, found.raw_items)
    report.extend(found.raw_items)
    return meta


def keep_only(documents: Iterable[Document]) -> None:
    """Forget the files not among ``documents`` (changed, renamed or deleted since)."""
    live = {id(d) for d in documents}
    for key in [k for k in _memo if k not in live]:
        del _memo[key]
