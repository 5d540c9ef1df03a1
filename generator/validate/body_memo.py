"""The body check's answers kept for the life of a process: `mkdocs serve` checks every body on every save.

A body's findings, anchors and links are a function of its text, where it is published, the link targets
(the pages that exist) and the time budget, and nothing else: the worker renders it with the one Markdown
configuration of the process. So an answer is reused while the targets are equal to those it was given for
(any page added, renamed or deleted forgets them all), keyed by a digest of the rest. Only completed checks
are kept: a body that ran out of time or crashed the worker is checked again. Nothing is stored on disk.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .targets import Targets

LIMIT = 200_000  # answers kept; past it the memo starts afresh (a long session with many edits)


class BodyMemo:
    def __init__(self) -> None:
        self._targets: Targets | None = None
        self._answers: dict[bytes, Any] = {}

    def start(self, targets: Targets) -> None:
        """Begin a check against ``targets``; answers given for other targets are forgotten."""
        if targets != self._targets:
            self._targets = targets
            self._answers.clear()

    @staticmethod
    def key(body: str, uri: str, moved: str | None, budget_s: float) -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        for part in (uri, moved or "", repr(budget_s), body):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.digest()

    def get(self, key: bytes) -> Any | None:
        return self._answers.get(key)

    def put(self, key: bytes, answer: Any) -> None:
        if len(self._answers) >= LIMIT:
            self._answers.clear()
        self._answers[key] = answer

    def clear(self) -> None:
        self._targets = None
        self._answers.clear()

    def __len__(self) -> int:
        return len(self._answers)


MEMO = BodyMemo()
