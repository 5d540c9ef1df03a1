"""One file's text → a document: UTF-8 decoding, the front matter split from the body, and its YAML
composed with the position of every key and value (load/yamlsafe.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Report
from ..kinds import Kind
from . import yamlsafe
from .yamlsafe import Located, Pos

MAX_FILE_BYTES = 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024


@dataclass(slots=True)
class Document:
    """One content file, read and split, not yet validated."""

    kind: Kind
    id: str  # entity id, "YYYY/slug" for articles, page name for pages
    path: str  # as shown in diagnostics (relative to the working directory)
    rel: str  # relative to the content folder, forward slashes
    front: Located
    body: str = ""
    body_line: int = 1  # line of the body's first line in the file


def decode(data: bytes, shown: str, report: Report) -> str | None:
    """UTF-8 text with BOM removed and line endings normalised, or None after an error."""
    if len(data) > MAX_FILE_BYTES:
        report.error(
            shown, 1, 1, "file-too-large",
            f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}",
            "split the text or remove embedded data",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        report.error(
            shown, line, col, "file-encoding",
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            "save the file as UTF-8 in your editor",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(
    kind: Kind, doc_id: str, shown: str, rel: str, text: str, report: Report, fenced: bool = True
) -> Document | None:
    """Split front matter from body and compose the YAML; None after an error."""
    if not fenced:
        return _compose(kind, doc_id, shown, rel, text, 0, "", 1, report)
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        if kind is Kind.PAGE:  # site pages may be plain Markdown
            doc = Document(kind, doc_id, shown, rel, Located({}), text, 1)
            return doc
        report.error(
            shown, 1, 1, "front-matter-missing",
            "the file does not start with front matter",
            "begin the file with a line '---', the fields, then another line '---'",
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        report.error(
            shown, 1, 1, "front-matter-unclosed",
            "front matter opened on line 1 is never closed",
            "add a line '---' after the last field",
        )
        return None
    front = "\n".join(lines[1:end])
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        report.error(
            shown, 2, 1, "front-matter-too-large",
            f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB",
            "move long text into the body",
        )
        return None
    body = "\n".join(lines[end + 1:])
    return _compose(kind, doc_id, shown, rel, front, 1, body, end + 2, report)


def _compose(
    kind: Kind, doc_id: str, shown: str, rel: str, front: str, offset: int, body: str,
    body_line: int, report: Report,
) -> Document | None:
    try:
        located = yamlsafe.load(front, offset)
    except yamlsafe.YamlProblem as p:
        report.error(shown, p.pos.line, p.pos.col, p.code, p.message, p.hint)
        return None
    if located.data is None:
        located.data = {}
    if not isinstance(located.data, dict):
        pos = located.values.get((), Pos(1 + offset, 1))
        report.error(
            shown, pos.line, pos.col, "front-matter-not-mapping",
            "front matter must be a set of 'key: value' fields, not a "
            + ("list" if isinstance(located.data, list) else "single value"),
            "write one field per line, such as 'title: ...'",
        )
        return None
    return Document(kind, doc_id, shown, rel, located, body, body_line)
