"""Did-you-mean hints for links to pages that do not exist (validate/bodies.py)."""

from __future__ import annotations

import difflib
import posixpath

from .targets import Targets


class LinkHints:
    """Did-you-mean for missing pages: worked out once per distinct name, only for reported findings."""

    def __init__(self, targets: Targets) -> None:
        self._by_name: dict[str, list[str]] = {}
        for uri in sorted(targets.pages):
            self._by_name.setdefault(posixpath.basename(uri), []).append(uri)
        self._memo: dict[str, list[str]] = {}

    def hint(self, name: str, base: str) -> str:
        guess = self._memo.get(name)
        if guess is None:
            guess = self._by_name.get(name) or difflib.get_close_matches(name, self._by_name, n=1, cutoff=0.8)
            if guess and not guess[0].endswith(".md"):  # a close file name: its first page
                guess = self._by_name[guess[0]]
            self._memo[name] = guess
        return (f"did you mean '{posixpath.relpath(guess[0], base or '.')}'?" if guess
                else "check the file name; paths are relative to this file")
