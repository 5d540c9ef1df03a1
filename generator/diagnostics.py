"""Diagnostics: every problem found in content, with its place and a fix.

A diagnostic names the file, line and column (1-based), a stable code (``CODES``
below; CONTRIBUTING.md explains each), a message and, where a fix is known,
a hint. Diagnostics are collected, never raised, so one run reports all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # a suggestion: shown by `portal check`, never fails a build (even --strict)


# Every diagnostic code, with what it means: the one list of codes (CONTRIBUTING.md section 7 explains
# each at length with real output; tests/test_contributing.py checks both against the source).
CODES: dict[str, str] = {
    # files and folders
    "unknown-folder": "the file is in a folder the site does not read, so it would never be published",
    "unexpected-file": "a file that is not content (only .md files, topics.yml and images in images/ belong)",
    "invalid-id": "a file name, topic id or listed id is not lowercase letters, digits and single hyphens",
    "duplicate-id": "two files of one kind have the same id",
    "duplicate-url": "two pages would be published at the same address",
    "symlink": "symbolic links are refused in the content folder",
    "hidden-file": "a file or folder whose name starts with '.' would never be published",
    "internal-error": "the portal itself failed on this file (the other files were still checked)",
    "file-encoding": "the file is not saved as UTF-8",
    "file-too-large": "a file over 1 MB",
    "front-matter-too-large": "front matter over 64 KB",
    "no-content": "there is no content folder where `portal check` looked",
    "tracked-output": "git tracks a file under .cache/, site/ or another folder only the build writes",
    # images (content/images/)
    "image-type": "the file is not the image its name says (HTML, SVG or another format under an image name)",
    "image-corrupt": "the image cannot be decoded completely",
    "image-too-large": "an image over 5 MB",
    "image-too-many-pixels": "an image over 25 million pixels or 16,384 pixels on a side",
    "asset-name": "an image name with characters that change in URLs or between systems",
    "asset-name-clash": "two image names that differ only by case or Unicode form",
    "asset-unreadable": "an image that cannot be read",
    # front matter and YAML
    "front-matter-missing": "the file does not start with front matter between two '---' lines",
    "front-matter-unclosed": "the front matter has no closing '---' line",
    "front-matter-not-mapping": "the front matter is not a list of 'key: value' lines",
    "yaml-syntax": "the YAML cannot be read",
    "duplicate-key": "the same field twice",
    "yaml-too-deep": "lists and mappings nested more than 32 levels deep",
    "yaml-alias": "YAML anchors and aliases are not allowed",
    "yaml-tag": "YAML tags are not allowed",
    # fields
    "missing-field": "a required field is absent",
    "unknown-key": "a field the model does not have, usually a typo",
    "placeholder": "a TODO written by `portal new` is still there",
    "wrong-type": "the value is the wrong shape (text for a list, a number for text, …)",
    "empty-value": "a field is empty",
    "too-long": "a field is longer than its limit",
    "invalid-value": "the field takes one of a fixed list of values",
    "invalid-date": "a date that is not YYYY-MM-DD, YYYY-MM or YYYY, or does not exist",
    "date-order": "dates in the wrong order (an end before its start, an update before the date)",
    "year-folder": "an article's date is not in the year of its folder",
    "invalid-country": "not a two-letter ISO 3166-1 country code in capitals",
    "invalid-url": "a web address that is not complete (http:// or https://)",
    "duplicate-entry": "the same value twice in a list",
    "empty-body": "an article has no text below the front matter",
    "control-character": "an invisible control character or Unicode noncharacter in a value or the text",
    "bidi-control": "a bidirectional control character that makes text display in another order than written",
    "line-break": "a name or title that holds a line break",
    "invisible-character": "a name or title with an invisible space or soft hyphen that makes it look like another",
    "mixed-script": "a word in a name or title mixing Latin with Cyrillic or Greek look-alike letters",
    # references between files
    "unknown-reference": "an id that no file has",
    "parent-cycle": "organizations or places whose parent chain loops",
    "missing-file": "an image file that does not exist under content/images/",
    "unsafe-path": "an image path that leaves content/images/",
    "duplicate-name": "two files of one kind go by the same name (warning)",
    "unreferenced": "nothing refers to this entity or topic (warning)",
    "uncovered-event": "an event that no article lists in its events (warning)",
    "standard-without-file": "a listed standard that has no file: its page shows only the designation (note)",
    "unlisted-standard": "the text names a standard that the front matter's `standards` does not list (warning)",
    "invalid-designation": "not a standard's or committee's designation as publishers print them",
    "committee-as-organization": "an organization of kind committee that could be a committee file (note)",
    # bodies
    "broken-link": "a link to a page or image that does not exist",
    "broken-anchor": "a link to an anchor (#…) that its page does not have; the strict build would stop on it",
    "unsafe-url": "a link that is not https://, http://, mailto: or relative",
    "unsafe-html": "HTML that is not on the list of harmless elements and attributes",
    "too-deep": "lists, block quotes or folders nested more than 32 levels deep",
    "too-slow": "a text that took more than a few seconds to render",
    "too-many-problems": "so many problems in one text that only the first are listed",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str  # relative to the project root, with forward slashes
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None
    # What a tool reads instead of the wording (`portal check --changed`, editors' integrations): the
    # (kind, id) the problem is about (an unknown reference's target, the earlier of two duplicates), and
    # the other file involved (a duplicate's). Only cross-file checks set them; JSON shows them when set.
    target: tuple[str, str] | None = None
    related: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def format_text(self) -> str:
        path, message = log_safe(self.path), log_safe(self.message)
        head = f"{path}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: {message}"
        return f"{head}\n  hint: {log_safe(self.hint)}" if self.hint else head

    def format_github(self) -> str:
        # GitHub workflow commands: properties and message need %-escaping.
        def esc(value: str, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return value.replace(":", "%3A").replace(",", "%2C") if prop else value

        level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.severity, "notice")
        text = log_safe(f"[{self.code}] {self.message}" + (f" (hint: {self.hint})" if self.hint else ""))
        return (
            f"::{level} file={esc(log_safe(self.path), True)},line={self.line},col={self.col},"
            f"title={esc('portal ' + self.code, True)}::{esc(text)}"
        )

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        target, related = data.pop("target"), data.pop("related")
        if target is not None:
            data["target"] = {"kind": target[0], "id": target[1]}
        if related is not None:
            data["related"] = related
        return data


class Report:
    """An ordered collection of diagnostics."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic)

    def error(
        self, path: str, line: int, col: int, code: str, message: str, hint: str | None = None, *,
        target: tuple[str, str] | None = None, related: str | None = None,
    ) -> None:
        self._items.append(Diagnostic(path, line, col, Severity.ERROR, code, message, hint, target, related))

    def warning(
        self, path: str, line: int, col: int, code: str, message: str, hint: str | None = None, *,
        target: tuple[str, str] | None = None, related: str | None = None,
    ) -> None:
        self._items.append(Diagnostic(path, line, col, Severity.WARNING, code, message, hint, target, related))

    def note(
        self, path: str, line: int, col: int, code: str, message: str, hint: str | None = None, *,
        target: tuple[str, str] | None = None, related: str | None = None,
    ) -> None:
        self._items.append(Diagnostic(path, line, col, Severity.NOTE, code, message, hint, target, related))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    @property
    def raw_items(self) -> list[Diagnostic]:
        """In the order they were found."""
        return list(self._items)

    @property
    def items(self) -> list[Diagnostic]:
        return sorted(self._items, key=Diagnostic.sort_key)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def has_warnings(self) -> bool:
        return any(d.severity is Severity.WARNING for d in self._items)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def summary(self) -> str:
        return counted(self.items)


def counted(items: Iterable[Diagnostic]) -> str:
    """"2 errors, 1 warning" (and ", 3 notes" when there are notes)."""
    n = {s: 0 for s in Severity}
    for d in items:
        n[d.severity] += 1
    text = f"{n[Severity.ERROR]} error{'s' * (n[Severity.ERROR] != 1)}, "
    text += f"{n[Severity.WARNING]} warning{'s' * (n[Severity.WARNING] != 1)}"
    return text + (f", {n[Severity.NOTE]} note{'s' * (n[Severity.NOTE] != 1)}" if n[Severity.NOTE] else "")


def log_safe(text: str) -> str:
    """``text`` as one line no log reader can act on: every character ``str.isprintable`` refuses (controls,
    line breaks, terminal escapes, bidirectional and other format characters) is written as ``\\u{XXXX}``,
    so quoted content can neither start a GitHub workflow command (``::…`` at a line's start) nor move
    a terminal's cursor nor reorder what is shown."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{{{ord(c):04X}}}" for c in text)


def render(items: Iterable[Diagnostic], fmt: str) -> str:
    """The diagnostics as text or GitHub annotations (both log-safe) or as JSON (data: JSON escapes it)."""
    items = list(items)
    if fmt == "json":
        return json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in items)
    return "\n".join(d.format_text() for d in items)


def internal_error(report: Report, path: str, exc: BaseException | str) -> None:
    """An unexpected exception while handling one file: a diagnostic naming it, never a traceback."""
    what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    report.error(path, 1, 1, "internal-error", f"the portal failed on this file ({what[:200]})",
                 "this is a bug in the portal, not in the file: please report it with the file attached")
