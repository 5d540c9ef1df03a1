"""What to write when front matter is not valid YAML: the mistakes editors make most, recognised.

PyYAML's messages ("mapping values are not allowed in this context") name the parser's state,
not the editor's mistake. Given the front matter text and where the parser stopped, ``explain``
recognises a tab in the indentation, list items under ``key: []``, a quote that is never closed
or closes too early, a ``[`` or ``{`` never closed, and a colon in an unquoted value, and says what
to write instead.
Only a failed parse gets here, so this costs nothing on valid files.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

_EMPTY_LIST = re.compile(r"^(\s*(?:-\s+)?)([^\s#:'\"][^:#]*?):\s*(\[\s*\])\s*(?:#.*)?$")
_ITEM = re.compile(r"^\s*-(\s|$)")
_FIELD = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):[ \t]+(.*?)\s*$")


class Explained(NamedTuple):
    message: str
    line: int  # 0-based, within the front matter text
    col: int  # 0-based
    hint: str  # "{line}" stands for the 1-based line in the file


def explain(text: str, line: int, context_line: int | None, quoted: bool, line_offset: int = 0,
            flow: bool = False) -> tuple[str, int, int, str] | None:
    """(message, line, column, hint) for a YAML error the parser reported at ``line`` (0-based in ``text``).

    ``context_line`` is where the construct the parser was reading began; ``quoted`` is true when that
    construct was a quoted value, ``flow`` when it was a ``[…]`` list or ``{…}`` mapping. Lines and columns
    returned are 1-based and shifted by ``line_offset``.
    """
    lines = text.split("\n")
    last = max(0, min(line, len(lines) - 1))
    found = (
        _tab(lines, last)
        or _items_after_empty_list(lines, last)
        or _quotes(lines, context_line if quoted and context_line is not None else last)
        or _unclosed_before(lines, last)
        or (_brackets(lines, context_line) if flow and context_line is not None else None)
        or _colon(lines, last)
    )
    if found is None:
        return None
    shown = found.line + 1 + line_offset
    return found.message, shown, found.col + 1, found.hint.replace("{line}", str(shown))


def _tab(lines: list[str], last: int) -> Explained | None:
    for i, text in enumerate(lines[: last + 1]):
        indent = len(text) - len(text.lstrip(" \t-"))
        col = text.find("\t", 0, indent)
        if col >= 0:
            return Explained(
                "YAML syntax error: a tab in the indentation", i, col,
                f"indent with spaces, not tabs (a tab at line {{line}}, column {col + 1})",
            )
    return None


def _items_after_empty_list(lines: list[str], last: int) -> Explained | None:
    for i in range(min(last, len(lines) - 1), -1, -1):
        found = _EMPTY_LIST.match(lines[i])
        if found is None:
            continue
        following = next((t for t in lines[i + 1:] if t.strip() and not t.lstrip().startswith("#")), "")
        if _ITEM.match(following):
            return Explained(
                f"YAML syntax error: '{found[2].strip()}: []' is an empty list, so the items below it cannot be read",
                i, found.start(3), 'remove "[]" to write the list as lines below the key',
            )
        return None
    return None


def _quotes(lines: list[str], at: int) -> Explained | None:
    """A value that opens a quote on line ``at`` and does not close it, or closes it too early."""
    if not 0 <= at < len(lines):
        return None
    found = _FIELD.match(lines[at])
    if found is None or not found[3] or found[3][0] not in "\"'":
        return None
    key, value, mark = found[2], found[3], found[3][0]
    start = found.start(3)
    close = _closing(value, mark)
    if close is None:
        return Explained(
            f"YAML syntax error: the quote that opens the value of '{key}' is never closed", at, start,
            f"close the quote at the end of the line: {key}: {value.rstrip()}{mark}",
        )
    rest = value[close + 1:].strip()
    if rest and not rest.startswith("#"):
        inner = value[1:-1] if len(value) > 1 and value.endswith(mark) else value
        better = "'{}'".format(inner.replace("'", "''")) if mark == '"' else json.dumps(inner, ensure_ascii=False)
        return Explained(
            f"YAML syntax error: the value of '{key}' ends at its second {mark}, but more text follows",
            at, start + close, f"quote the whole value, with the other kind of quotes: {key}: {better}",
        )
    return None


def _unclosed_before(lines: list[str], last: int) -> Explained | None:
    """A quote left open on an earlier line runs on into the next fields until the parser trips."""
    for i in range(last - 1, -1, -1):
        found = _quotes(lines, i)
        if found is not None and "never closed" in found.message:
            return found
    return None


def _brackets(lines: list[str], at: int) -> Explained | None:
    """A ``[…]`` list or ``{…}`` mapping opened in a value and not closed on its line."""
    if not 0 <= at < len(lines):
        return None
    found = _FIELD.match(lines[at])
    if found is None or not found[3] or found[3][0] not in "[{":
        return None
    key, value = found[2], found[3]
    close = "]" if value[0] == "[" else "}"
    if close in value:
        return None
    what = "list" if close == "]" else "mapping"
    return Explained(
        f"YAML syntax error: the {what} in the value of '{key}' is never closed", at, found.start(3),
        f"close it with {close} on the same line: {key}: {value.rstrip().rstrip(',')}{close}",
    )


def _closing(value: str, mark: str) -> int | None:
    """Index of the quote closing the one at ``value[0]``, honouring \\" and '' escapes."""
    i = 1
    while i < len(value):
        ch = value[i]
        if mark == '"' and ch == "\\":
            i += 2
            continue
        if ch == mark:
            if mark == "'" and value[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _colon(lines: list[str], at: int) -> Explained | None:
    if not 0 <= at < len(lines):
        return None
    found = _FIELD.match(lines[at])
    if found is None or ": " not in found[3] or found[3][0] in "\"'[{":
        return None
    key, value = found[2], found[3]
    return Explained(
        f"YAML syntax error: the value of '{key}' contains ': ', which YAML reads as the start of another field",
        at, found.start(3) + value.index(": "),
        f"put the value in quotes: {key}: {json.dumps(value, ensure_ascii=False)}",
    )
