"""Parsing a large tree in several processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.load import documents
from generator.load.documents import load_tree
from generator.pipeline import build_catalog

from ..helpers import portal


def test_parallel_load_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tree is cut into workers × 4 chunks whatever its size, so a few hundred files take the same path
    # as the thousands the threshold is set for, in a fraction of the time.
    monkeypatch.setattr(documents, "PARALLEL_MIN_FILES", 200)
    pools: list[int] = []

    class Pool(documents.ProcessPoolExecutor):  # counts the chunks handed to worker processes
        def map(self, fn, *iterables, **kwargs):  # type: ignore[no-untyped-def]
            chunks = list(iterables[0])
            pools.append(len(chunks))
            return super().map(fn, chunks, **kwargs)

    monkeypatch.setattr(documents, "ProcessPoolExecutor", Pool)
    content = tmp_path / "content"
    done = portal("synth", "--articles", "300", "--seed", "3", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    articles = sorted((content / "news").rglob("*.md"))
    # Mistakes spread over the tree, so diagnostics come from different worker chunks.
    for path in (articles[5], articles[len(articles) // 2], articles[-3]):
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: NO\nheadline:", 1),
                        encoding="utf-8")
    (content / "organisations").mkdir()
    (content / "organisations" / "x.md").write_text("---\nname: X\n---\n", encoding="utf-8")
    # Only loading runs in parallel: compare what it gives (every later stage is a function of it), and run
    # the rest once, on the parallel load, to see the mistakes reported from every chunk.
    serial_report, parallel_report = Report(), Report()
    serial = load_tree(content, serial_report, workers=1)
    parallel = load_tree(content, parallel_report, workers=2)
    assert sum(1 for _ in content.rglob("*")) > documents.PARALLEL_MIN_FILES
    assert pools == [8]  # two workers, four chunks each: the parallel path was taken
    assert [d.rel for d in parallel.documents] == [d.rel for d in serial.documents]
    assert [d.front.data for d in parallel.documents] == [d.front.data for d in serial.documents]
    assert [(d.body, d.body_line) for d in parallel.documents] == [(d.body, d.body_line) for d in serial.documents]
    assert parallel_report.items == serial_report.items
    full = build_catalog(content, workers=2)
    assert [d.rel for d in full.tree.documents] == [d.rel for d in serial.documents]
    codes = {d.code for d in full.report.items}
    assert {"wrong-type", "unknown-key", "unknown-folder"} <= codes
