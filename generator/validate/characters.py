"""Characters no content may hold, and text that displays differently from what it says.

C0 and C1 controls (tab and newline aside) and noncharacters: XML feeds cannot carry them (a feed
reader rejects the whole feed) and browsers show them as boxes or not at all; they usually arrive by
pasting from another program. Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069) reorder the text around them, so a name can display as another ("Trojan Source"); the
marks U+200E, U+200F and U+061C, which only set the direction of neutral characters, stay allowed.

In names and titles (NAME_FIELDS) also: a line break (one line everywhere they appear), an invisible
space or joiner that makes one name look like another, and a word that mixes Latin letters with
Cyrillic or Greek ones, the classic look-alikes ("ISО" with a Cyrillic О is not "ISO").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..diagnostics import Report
from ..load.frontmatter import Document
from ..load.yamlsafe import Path

_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef"
                       + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
                       + "]")


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u180e\u00ad]")  # zero-width space, word joiner, BOM, soft hyphen
# The fields that name or title something: one line, shown in lists, links, feeds and search results.
NAME_FIELDS = frozenset({"name", "title", "short_name", "aliases", "name_zh", "designation", "authors", "credit",
                         "standards"})
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"[^\W\d_]+")


def first_bad(text: str) -> re.Match[str] | None:
    """The first character no content may hold, or None.

    Every such character is one ``str.isprintable`` refuses (controls are Cc, noncharacters Cn), so a
    string that is printable once tabs and newlines are taken out has none: that test runs in C at
    under a microsecond per field, where the regex took 169 µs per file. Only the rare string that
    fails it (a non-breaking or ideographic space, a soft hyphen, ...) is searched with the regex.
    """
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return None
    return _BAD_CHAR.search(text)


def check_characters(doc: Document, report: Report) -> None:
    """Every string in the front matter (keys too) and the body: no control, noncharacter or bidirectional
    control; names and titles besides on one line, without invisible spaces or mixed-script words."""

    def found(where: str, char: str) -> tuple[str, str]:
        return (f"{where} contains the invisible character U+{ord(char):04X}, which feeds and browsers "
                "cannot show", "delete it; such characters usually come from pasting out of another program")

    stack: list[tuple[Path, Any]] = [((), doc.front.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if m := first_bad(value):
                pos = doc.front.pos(path)
                report.error(doc.path, pos.line, pos.col, "control-character", *found(f"'{_label(path)}'", m[0]))
            elif not value.isprintable():  # the rare value with a format character or a line break
                _displayed_as_written(doc, path, value, report)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (m := first_bad(key)):
                    pos = doc.front.pos((*path, key), key=True)
                    report.error(doc.path, pos.line, pos.col, "control-character", *found("a field name", m[0]))
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
    body = doc.body
    plain = body.isprintable() or body.replace("\n", "").replace("\t", "").isprintable()  # as first_bad
    if not plain and (m := _BAD_CHAR.search(body) or _BIDI.search(body)):
        before = body[:m.start()]
        line = doc.body_line + before.count("\n")
        col = m.start() - (before.rfind("\n") + 1) + 1
        if _BIDI.match(m[0]):
            report.error(doc.path, line, col, "bidi-control", *_bidi("the text", m[0]))
        else:
            report.error(doc.path, line, col, "control-character", *found("the text", m[0]))
    check_names(doc, report)


def _bidi(where: str, char: str) -> tuple[str, str]:
    return (f"{where} contains the bidirectional control U+{ord(char):04X}, which makes text display in another "
            "order than it is written", "delete it; to set the direction of a whole value, write it in its own "
            "language and let the page's direction apply")


def _displayed_as_written(doc: Document, path: Path, value: str, report: Report) -> None:
    """The checks for a value that holds a character str.isprintable refuses (format, separator, line break)."""
    pos = doc.front.pos(path)
    if m := _BIDI.search(value):
        report.error(doc.path, pos.line, pos.col, "bidi-control", *_bidi(f"'{_label(path)}'", m[0]))
        return
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if key not in NAME_FIELDS:
        return
    if "\n" in value.strip() or "\r" in value.strip():
        report.error(doc.path, pos.line, pos.col, "line-break",
                     f"'{_label(path)}' is a name or title and must be one line, but holds a line break",
                     "write it on one line (a YAML '|' block keeps line breaks; a plain or quoted value "
                     "without \\n does not)")
    if m := _INVISIBLE.search(value):
        report.error(doc.path, pos.line, pos.col, "invisible-character",
                     f"'{_label(path)}' contains the invisible character U+{ord(m[0]):04X}, so it looks like a "
                     "name it is not", "delete it")


def check_names(doc: Document, report: Report) -> None:
    """Every name and title: no word mixing Latin with Cyrillic or Greek letters (look-alikes)."""
    if doc.front.text.isascii():
        return  # no letter of another alphabet anywhere
    stack: list[tuple[Path, Any]] = [((), doc.front.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif isinstance(value, str) and not value.isascii():
            key = next((p for p in reversed(path) if isinstance(p, str)), "")
            if key in NAME_FIELDS and (word := mixed_script_word(value)):
                pos = doc.front.pos(path)
                report.error(doc.path, pos.line, pos.col, "mixed-script",
                             f"'{_label(path)}': the word '{word}' mixes Latin letters with Cyrillic or Greek ones "
                             "that look alike, so it reads as a name it is not",
                             "retype the word in one alphabet")


def mixed_script_word(text: str) -> str | None:
    """The first word of ``text`` whose letters come from more than one of Latin, Cyrillic and Greek."""
    for match in _WORD.finditer(text):
        word = match[0]
        if word.isascii():
            continue
        scripts = {s for c in word for s in _SCRIPTS if unicodedata.name(c, "").startswith(s)}
        if len(scripts) > 1:
            return word
    return None


def _label(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"
