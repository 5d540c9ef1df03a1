"""Every module of the package stays small enough to read in one sitting (issue 13: under 300 lines).

A module that grows past the limit is split by idea, not trimmed: the test names the file and its length.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
LIMIT = 300


def test_every_module_is_under_the_line_limit() -> None:
    lengths = {p.relative_to(PACKAGE.parent).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
               for p in sorted(PACKAGE.rglob("*.py"))}
    assert lengths, "no modules found"
    too_long = {path: n for path, n in lengths.items() if n >= LIMIT}
    assert not too_long, f"split these modules by idea (limit {LIMIT} lines): {too_long}"
