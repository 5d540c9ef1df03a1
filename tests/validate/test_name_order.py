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


# --- the warning on the newly added file (issue 21) ------------------------------------------

OLD = {"people/takayanagi-sei-ichi.md": "---\nname: Takayanagi Sei-ichi\n---\n", "index.md": "# Home\n"}
NEW = {"people/sei-ichi-takayanagi.md": "---\nname: Sei-ichi Takayanagi\n---\n"}  # first in file order


def _published(tmp_path: Path) -> Path:
    from .. import workbench

    write_tree(tmp_path / "content", OLD)
    workbench.init(tmp_path)
    workbench.commit(tmp_path, "published")
    return tmp_path


def _warned(content: Path) -> list[tuple[str, str | None]]:
    found = [d for d in build_catalog(content).report.items if d.code == "duplicate-name"]
    return [(Path(d.path).name, d.related and Path(d.related).name) for d in found]


def test_the_warning_is_on_the_file_added_not_yet_committed(tmp_path: Path) -> None:
    repo = _published(tmp_path)
    write_tree(repo / "content", NEW)
    assert _warned(repo / "content") == [("sei-ichi-takayanagi.md", "takayanagi-sei-ichi.md")]


def test_the_warning_is_on_the_file_a_branch_added_since_origin_main(tmp_path: Path) -> None:
    from .. import workbench

    repo = _published(tmp_path)
    workbench.git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # what the pull request is against
    write_tree(repo / "content", NEW)
    workbench.commit(repo, "a new person")
    assert _warned(repo / "content") == [("sei-ichi-takayanagi.md", "takayanagi-sei-ichi.md")]
    # Once merged (origin/main has it too), neither file is new: file order decides again.
    workbench.git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert _warned(repo / "content") == [("takayanagi-sei-ichi.md", "sei-ichi-takayanagi.md")]


def test_check_and_check_changed_put_the_warning_on_the_new_file(tmp_path: Path) -> None:
    from ..workbench import run_portal

    repo = _published(tmp_path)
    write_tree(repo / "content", NEW)
    for args in (("check",), ("check", "--changed"), ("check", "--cache")):
        code, out, _ = run_portal(repo, *args)
        warnings = [line for line in out.splitlines() if "duplicate-name" in line]
        assert code == 0, (args, out)  # a warning, not an error
        assert len(warnings) == 1 and warnings[0].startswith("content/people/sei-ichi-takayanagi.md:2:7"), (args, out)
        assert "content/people/takayanagi-sei-ichi.md" in warnings[0], out


def test_outside_git_file_order_decides(tmp_path: Path) -> None:
    write_tree(tmp_path / "content", {**OLD, **NEW})
    assert _warned(tmp_path / "content") == [("takayanagi-sei-ichi.md", "sei-ichi-takayanagi.md")]
