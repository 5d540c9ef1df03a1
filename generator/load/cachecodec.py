"""Parsed files ↔ JSON, for the parse cache (load/cache.py): data only, checked field by field on the way back.

A cache file is as untrusted as any file a pull request can add, so it is never unpickled: this module
writes plain JSON (strings, numbers, lists, objects) and reads it back into Documents and Diagnostics
only when every field has the type it must have, naming only kinds the code defines. Anything else
raises ``ValueError`` and the caller treats the whole cache as missing.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..kinds import Kind
from .frontmatter import Document
from .yamlsafe import Located

Parsed = tuple[list[Document], list[Diagnostic]]
_PLAIN = (str, int, float, bool, type(None))


def encode(parsed: Parsed) -> list[Any]:
    documents, diagnostics = parsed
    return [
        [[str(d.kind), d.id, d.path, d.rel, d.front.data, d.front.text, d.front.offset, d.body, d.body_line]
         for d in documents],
        [[g.path, g.line, g.col, g.severity.value, g.code, g.message, g.hint] for g in diagnostics],
    ]


def decode(value: Any) -> Parsed:
    documents, diagnostics = _list(value, 2)
    return [_document(d) for d in _list(documents)], [_diagnostic(g) for g in _list(diagnostics)]


def _document(value: Any) -> Document:
    kind, doc_id, path, rel, data, text, offset, body, body_line = _list(value, 9)
    known = Kind.existing(_str(kind))
    if known is None:
        raise ValueError(f"unknown kind {kind!r}")
    _check_data(data, 0)
    return Document(known, _str(doc_id), _str(path), _str(rel), Located(data, _str(text), _int(offset)),
                    _str(body), _int(body_line))


def _diagnostic(value: Any) -> Diagnostic:
    path, line, col, severity, code, message, hint = _list(value, 7)
    return Diagnostic(_str(path), _int(line), _int(col), Severity(_str(severity)), _str(code), _str(message),
                      None if hint is None else _str(hint))


def _check_data(value: Any, depth: int) -> None:
    """Front matter values: what load/yamlsafe.py produces (plain values, string keys, bounded depth)."""
    if depth > 64:
        raise ValueError("too deep")
    if isinstance(value, dict):
        for key, item in value.items():
            _str(key)
            _check_data(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_data(item, depth + 1)
    elif not isinstance(value, _PLAIN):
        raise ValueError(f"unexpected {type(value).__name__}")


def _list(value: Any, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise ValueError("malformed entry")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected a whole number")
    return value
