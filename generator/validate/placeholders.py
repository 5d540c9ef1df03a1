"""Unfilled placeholders left by `portal new`: one clear error each, saying what to write.

A scaffolded file holds values such as ``summary: "TODO: …"`` and a body line ``TODO: …``.
Each becomes ``error[placeholder]`` at its line and column. Other diagnostics about the very
same value (a ``TODO`` where a date belongs is also an invalid date) are dropped, so a fresh
scaffold fails only on what the editor has to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Report, Severity
from ..kinds import KINDS, Kind
from ..load.documents import Tree
from ..load.frontmatter import Document
from ..load.yamlsafe import Path
from . import fields

MARK = "TODO"
_MARK_RE = re.compile(rf"^\s*{MARK}\b")


def _strings(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _label(path: Path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _front(doc: Document) -> Iterator[Diagnostic]:
    if MARK not in doc.front.text:  # cheap test first, as for bodies
        return
    for path, value in _strings(doc.front.data):
        if not _MARK_RE.match(value):
            continue
        kind, field_path = (("topic", path[1:]) if doc.kind is Kind.TOPICS else (doc.kind.value, path))
        field = fields.field_at(kind, field_path)
        what = field.description if field else "the real value"
        pos = doc.front.pos(path)
        yield Diagnostic(
            doc.path, pos.line, pos.col, Severity.ERROR, "placeholder",
            f"'{_label(path)}' still holds the placeholder written by 'portal new'",
            f"replace the {MARK} text with: {what}",
        )


def _body(doc: Document) -> Iterator[Diagnostic]:
    if MARK not in doc.body:  # cheap test first: most bodies have no placeholder
        return
    what = (KINDS[doc.kind].body if doc.kind in KINDS else None) or "the text"
    optional = doc.kind is not Kind.ARTICLE
    for i, line in enumerate(doc.body.split("\n")):
        if _MARK_RE.match(line):
            yield Diagnostic(
                doc.path, doc.body_line + i, line.index(MARK) + 1, Severity.ERROR, "placeholder",
                "the text below the front matter still holds the placeholder written by 'portal new'",
                f"replace this line with {what}" + (", or delete it" if optional else ""),
            )


def find(tree: Tree) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for doc in tree.documents:
        found += _front(doc)
        found += _body(doc)
    return found


def apply(tree: Tree, report: Report) -> Report:
    """``report`` plus the placeholder errors, less other diagnostics at a placeholder's place."""
    marks = find(tree)
    if not marks:
        return report
    covered = {(d.path, d.line, d.col) for d in marks}
    out = Report()
    out.extend(d for d in report.items if (d.path, d.line, d.col) not in covered)
    out.extend(marks)
    return out
