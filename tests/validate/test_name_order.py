"""Duplicate people across name order (issue 21): 'Takayanagi Sei-ichi' is 'Sei-ichi Takayanagi'."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import build_catalog

from ..helpers import write_tree


def test_a_person_written_in_the_other_order_is_a_possible_duplicate(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "people/takayanagi-sei-ichi.md": "---\nname: Takayanagi Sei-ichi\n---\n",
        "people/sei-ichi-takayanagi.md": "---\nname: Sei-ichi Takayanagi\n---\n",
        "people/li-ming.md": "---\nname: Li Ming\nname_zh: 李明\n---\n",
        "people/ming-li.md": "---\nname: Ming Li\nname_zh: 明立\n---\n",  # told apart by their Chinese names
    })
    found = [d for d in build_catalog(content).report.items if d.code == "duplicate-name"]
    assert [(Path(d.path).name, d.line, d.col) for d in found] == [("takayanagi-sei-ichi.md", 2, 7)]
    assert "its name 'Takayanagi Sei-ichi' matches in another order the name 'Sei-ichi Takayanagi'" in found[0].message
