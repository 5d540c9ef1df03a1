"""Parsing a large tree in several processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

from generator.load.documents import PARALLEL_MIN_FILES
from generator.pipeline import build_catalog

from ..helpers import portal


def test_parallel_load_matches_serial(tmp_path: Path) -> None:
    content = tmp_path / "content"
    done = portal("synth", "--articles", "1600", "--seed", "3", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    articles = sorted((content / "news").rglob("*.md"))
    # Mistakes spread over the tree, so diagnostics come from different worker chunks.
    for path in (articles[5], articles[len(articles) // 2], articles[-3]):
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: NO\nheadline:", 1),
                        encoding="utf-8")
    (content / "organisations").mkdir()
    (content / "organisations" / "x.md").write_text("---\nname: X\n---\n", encoding="utf-8")
    serial, parallel = build_catalog(content, workers=1), build_catalog(content, workers=2)
    assert sum(1 for _ in content.rglob("*")) > PARALLEL_MIN_FILES
    assert [d.rel for d in parallel.tree.documents] == [d.rel for d in serial.tree.documents]
    assert [d.front.data for d in parallel.tree.documents] == [d.front.data for d in serial.tree.documents]
    assert parallel.report.items == serial.report.items
    codes = {d.code for d in serial.report.items}
    assert {"wrong-type", "unknown-key", "unknown-folder"} <= codes
    assert list(parallel.catalog.articles) == list(serial.catalog.articles)
