"""Issue 12 §3: under `portal check --changed`, a reference to a file the change deleted or renamed says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .. import workbench
from ..helpers import ROOT, write_tree
from ..workbench import git, run_portal

FILES = {
    "index.md": "# Home\n",
    "topics.yml": "pilots:\n  name: Pilots\nservices:\n  name: Services\n",
    "organizations/acme.md": "---\nname: Acme Standards\n---\n",
    "organizations/beta.md": "---\nname: Beta Bureau\n---\n\nA bureau.\n",
    "news/2024/one.md": """\
        ---
        title: One
        date: "2024-05-06"
        summary: First.
        source:
          name: China Daily
        organizations:
          - beta
          - acme
        topics:
          - services
        ---

        Text one.
        """,
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content", FILES)
    workbench.init(tmp_path)
    workbench.commit(tmp_path, "base")
    return tmp_path


def hints(repo: Path) -> dict[str, str]:
    """unknown id → its hint, from `portal check --changed`."""
    code, out, _ = run_portal(repo, "check", "--changed")
    assert code == 1, out
    found = re.findall(r"error\[unknown-reference\]: no \w+ with id '([^']+)'\n  hint: (.*)", out)
    return dict(found)


RENAMED = ("content/organizations/beta.md was renamed to content/organizations/beta-bureau.md in this change: "
           "write 'beta-bureau'")
DELETED = "content/organizations/acme.md was deleted in this change: restore it, or remove this reference"


def test_a_git_rename_names_the_new_file(repo: Path) -> None:
    git(repo, "mv", "content/organizations/beta.md", "content/organizations/beta-bureau.md")
    assert hints(repo) == {"beta": RENAMED}


def test_a_rename_in_the_file_manager_is_found_too(repo: Path) -> None:
    # Moved outside git (the new file is untracked), and edited: the same name says it is the same file.
    old = repo / "content/organizations/beta.md"
    new = repo / "content/organizations/beta-bureau.md"
    shutil.move(old, new)
    new.write_text(new.read_text(encoding="utf-8").replace("A bureau.", "A standards bureau."), encoding="utf-8")
    assert hints(repo) == {"beta": RENAMED}


def test_a_deletion_says_it_was_deleted(repo: Path) -> None:
    git(repo, "rm", "-q", "content/organizations/acme.md")
    write_tree(repo / "content", {"organizations/gamma.md": "---\nname: Gamma\n---\n"})  # new, but unrelated
    assert hints(repo) == {"acme": DELETED}


def test_a_removed_or_renamed_topic(repo: Path) -> None:
    topics = repo / "content/topics.yml"
    topics.write_text("pilots:\n  name: Pilots\n", encoding="utf-8")
    assert hints(repo) == {"services": "topic 'services' was removed from content/topics.yml in this change: "
                                       "restore it, or remove this reference"}
    topics.write_text("pilots:\n  name: Pilots\npublic-services:\n  name: Services\n", encoding="utf-8")
    assert hints(repo) == {"services": "topic 'services' was renamed to 'public-services' in content/topics.yml "
                                       "in this change: write 'public-services'"}


def test_without_changed_the_hint_is_the_usual_one(repo: Path) -> None:
    git(repo, "rm", "-q", "content/organizations/acme.md")
    code, out, _ = run_portal(repo, "check")
    assert code == 1 and "hint: create content/organizations/acme.md or fix the id" in out


def test_contributing_quotes_these_hints() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"  hint: {RENAMED}\n" in guide and f"  hint: {DELETED}\n" in guide


def test_a_new_duplicate_is_reported_on_the_new_file_though_it_comes_first(repo: Path) -> None:
    # 'a-beta.md' sorts before 'beta.md'; the warning is still on the file the change added.
    write_tree(repo / "content", {"organizations/a-beta.md": "---\nname: Beta bureau\n---\n"})
    code, out, _ = run_portal(repo, "check", "--changed")
    assert code == 0
    assert ("\ncontent/organizations/a-beta.md:2:7: warning[duplicate-name]: organization 'a-beta' may be a "
            "duplicate of 'beta' (content/organizations/beta.md)") in out


def test_an_edited_name_is_reported_where_file_order_puts_it(repo: Path) -> None:
    # Neither file is new: the warning is at the later one, which this change did not touch.
    (repo / "content/organizations/acme.md").write_text("---\nname: Beta bureau\n---\n", encoding="utf-8")
    code, out, _ = run_portal(repo, "check", "--changed")
    assert code == 0
    assert ("\ncontent/organizations/beta.md:2:7: warning[duplicate-name]: organization 'beta' may be a duplicate "
            "of 'acme' (content/organizations/acme.md)") in "\n" + out
