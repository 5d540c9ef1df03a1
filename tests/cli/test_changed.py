"""`portal check --changed`: changed files and every file whose references they affect, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from .. import workbench
from ..helpers import write_tree
from ..workbench import git, run_portal

FILES = {
    "index.md": "# Home\n",
    "topics.yml": "pilots:\n  name: Pilots\nservices:\n  name: Services\n",
    "organizations/acme.md": "---\nname: Acme Standards\n---\n",
    "organizations/beta.md": "---\nname: Beta Bureau\nparent: acme\n---\n",
    "people/ann-lee.md": "---\nname: Ann Lee\nroles:\n  - title: director\n    organization: acme\n---\n",
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
        people:
          - ann-lee
        topics:
          - pilots
        ---

        Text one.
        """,
    "news/2024/two.md": """\
        ---
        title: Two
        date: "2024-05-07"
        summary: Second.
        source:
          name: China Daily
        organizations:
          - beta
        topics:
          - services
        ---

        Text two.
        """,
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content", FILES)
    workbench.init(tmp_path)
    workbench.commit(tmp_path, "base")
    return tmp_path


def check(repo: Path, *args: str) -> tuple[int, str, str]:
    return run_portal(repo, "check", "--changed", *args)


def _line(repo: Path, rel: str, text: str) -> int:
    lines = (repo / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.strip() == text)


def test_nothing_changed_is_clean(repo: Path) -> None:
    code, out, _ = check(repo)
    assert (code, out) == (0, "")


def test_only_changed_files_are_reported(repo: Path) -> None:
    # A committed error elsewhere is not this change's business; the full check still sees it.
    (repo / "content/news/2024/two.md").write_text(
        (repo / "content/news/2024/two.md").read_text().replace('date: "2024-05-07"', 'date: "2024-13-07"'))
    workbench.commit(repo, "broken before the branch")
    (repo / "content/news/2024/one.md").write_text(
        (repo / "content/news/2024/one.md").read_text().replace("summary: First.", "summary:"))
    code, out, _ = check(repo, "--base", "HEAD")
    assert code == 1
    assert "content/news/2024/one.md:4:" in out and "missing-field" not in out and "empty" in out
    assert "two.md" not in out
    assert "two.md" in run_portal(repo, "check")[1]


def test_deleting_an_organization_reports_every_reference_at_its_line(repo: Path) -> None:
    git(repo, "rm", "-q", "content/organizations/acme.md")
    code, out, _ = check(repo)
    assert code == 1
    expected = {
        f"content/news/2024/one.md:{_line(repo, 'content/news/2024/one.md', '- acme')}:5",
        f"content/organizations/beta.md:{_line(repo, 'content/organizations/beta.md', 'parent: acme')}:9",
        f"content/people/ann-lee.md:{_line(repo, 'content/people/ann-lee.md', 'organization: acme')}:19",
    }
    reported = {line.split(": error[unknown-reference]")[0] for line in out.splitlines() if "unknown-reference" in line}
    assert reported == expected
    assert "two.md" not in out  # it refers to beta only


def test_a_rename_counts_as_deletion_and_addition(repo: Path) -> None:
    git(repo, "mv", "content/organizations/beta.md", "content/organizations/beta-bureau.md")
    code, out, _ = check(repo)
    assert code == 1
    assert out.count("no organization with id 'beta'") == 2  # one.md and two.md
    assert "beta-bureau.md:1:1: warning[unreferenced]" in out


def test_removed_topic_reports_the_articles_that_use_it(repo: Path) -> None:
    topics = repo / "content/topics.yml"
    topics.write_text(topics.read_text().replace("services:\n  name: Services\n", ""))
    code, out, _ = check(repo)
    assert code == 1
    assert f"content/news/2024/two.md:{_line(repo, 'content/news/2024/two.md', '- services')}:5" in out
    assert "one.md" not in out


def test_new_untracked_files_are_checked(repo: Path) -> None:
    write_tree(repo / "content", {"places/nowhere.md": "---\nname: Nowhere\nkind: planet\n---\n"})
    code, out, _ = check(repo)
    assert code == 1 and "content/places/nowhere.md:3:7: error[invalid-value]" in out


def test_github_format_annotates_the_lines(repo: Path) -> None:
    git(repo, "rm", "-q", "content/organizations/beta.md")
    code, out, _ = check(repo, "--format", "github")
    line = _line(repo, "content/news/2024/two.md", "- beta")
    assert code == 1
    assert f"::error file=content/news/2024/two.md,line={line},col=5,title=portal unknown-reference::" in out


def test_default_base_is_origin_main_when_there_is_one(repo: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "edit")
    (repo / "content/organizations/acme.md").write_text("---\nname: Acme\nkind: bakery\n---\n")
    workbench.commit(repo, "on a branch")  # committed: comparing with HEAD alone would miss it
    code, out, _ = check(repo)
    assert code == 1 and "content/organizations/acme.md:3:7: error[invalid-value]" in out


def test_outside_git_and_bad_refs_are_usage_errors(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> None:
    plain = tmp_path_factory.mktemp("plain")
    write_tree(plain / "content", {"index.md": "# Home\n"})
    code, _, err = check(plain)
    assert code == 2 and "is not inside a git repository" in err
    code, _, err = check(repo, "--base", "no-such-branch")
    assert code == 2 and "--base 'no-such-branch' is not a commit" in err
