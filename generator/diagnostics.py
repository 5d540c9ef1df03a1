"""Diagnostics: every problem found in content, with its place and a fix.

A diagnostic names the file, line and column (1-based), a stable code an
editor can look up in CONTRIBUTING.md, a message and, where a fix is known,
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


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str  # relative to the project root, with forward slashes
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def format_text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def format_github(self) -> str:
        # GitHub workflow commands: properties and message need %-escaping.
        def esc(value: str, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return value.replace(":", "%3A").replace(",", "%2C") if prop else value

        level = "error" if self.is_error else "warning"
        text = f"[{self.code}] {self.message}" + (f" (hint: {self.hint})" if self.hint else "")
        return (
            f"::{level} file={esc(self.path, True)},line={self.line},col={self.col},"
            f"title={esc('portal ' + self.code, True)}::{esc(text)}"
        )

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class Report:
    """An ordered collection of diagnostics."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic)

    def error(
        self, path: str, line: int, col: int, code: str, message: str, hint: str | None = None
    ) -> None:
        self._items.append(Diagnostic(path, line, col, Severity.ERROR, code, message, hint))

    def warning(
        self, path: str, line: int, col: int, code: str, message: str, hint: str | None = None
    ) -> None:
        self._items.append(Diagnostic(path, line, col, Severity.WARNING, code, message, hint))

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
        return [d for d in self.items if not d.is_error]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def render(items: Iterable[Diagnostic], fmt: str) -> str:
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
