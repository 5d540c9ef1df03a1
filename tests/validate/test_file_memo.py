"""A save validates only the files it changed: one file's findings are kept while its Document lives, used
only for that Document and that declaration of its kind, and forgotten when the file goes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from generator.diagnostics import Report
from generator.kinds import KINDS, Kind, registered
from generator.load.cache import ParseCache
from generator.load.documents import load_tree
from generator.validate import entries, file_memo
from generator.validate.entries import validate

from ..helpers import write_tree

FILES = {
    "organizations/acme.md": "---\nname: Acme\nkind: nonsense\n---\n",  # an error, kept with the file
    "organizations/beta.md": "---\nname: Beta\n---\n",
}


def test_an_unchanged_file_is_not_validated_again(tmp_path: Path, monkeypatch: Any) -> None:
    content = write_tree(tmp_path / "content", FILES)
    cache = ParseCache(tmp_path / "cache.json")
    calls: list[str] = []
    real = entries.validate_file

    def counted(doc: Any, report: Report) -> Any:
        calls.append(doc.rel)
        return real(doc, report)

    monkeypatch.setattr(entries, "validate_file", counted)

    def check() -> list[tuple[str, str]]:
        report = Report()
        validate(load_tree(content, report, cache=cache), report)
        return [(d.path.rsplit("/", 1)[-1], d.code) for d in report.items]

    first = check()
    assert ("acme.md", "invalid-value") in first, first
    assert sorted(calls) == ["organizations/acme.md", "organizations/beta.md"]
    assert check() == first and len(calls) == 2  # the same Documents: nothing validated again
    (content / "organizations/beta.md").write_text("---\nname: Beta Bureau\n---\n", encoding="utf-8")
    assert check() == first and calls[2:] == ["organizations/beta.md"]  # only the edited file
    (content / "organizations/acme.md").unlink()
    assert [f for f, _ in check() if f == "acme.md"] == [] and calls[3:] == []  # deleted: its findings go
    another = dataclasses.replace(KINDS[Kind.ORGANIZATION])
    with registered(another):  # another declaration of the kind: validated afresh
        check()
    assert calls[3:] == ["organizations/beta.md"]
    regulation = dataclasses.replace(KINDS[Kind.PLACE], kind=Kind("regulation"), section="regulations",
                                     folder="regulations", mentioned_by=("organization",))
    with registered(regulation):  # a new kind adds a field to the organization model: validated afresh
        check()
    assert calls[4:] == ["organizations/beta.md"]
    assert len(file_memo._memo) >= 1
