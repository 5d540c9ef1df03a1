"""Issue 12 §4: `portal new` writes lists as their key with a commented example item, so items go below it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..helpers import ROOT, write_tree
from ..workbench import run_portal


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "places/shanghai.md": "---\nname: Shanghai\n---\n",
    })
    return tmp_path


def new(project: Path, *args: str) -> Path:
    code, out, err = run_portal(project, "new", *args)
    assert code == 0, err
    return project / out.strip()


def fill(path: Path, *pairs: tuple[str, str]) -> None:
    """Fill the article's summary and text, and make the edits ``pairs`` (old, new)."""
    text = re.sub(r"^summary: .*$", 'summary: "Acme opened."', path.read_text(encoding="utf-8"), flags=re.M)
    for old, replacement in pairs:
        assert old in text, old
        text = text.replace(old, replacement, 1)
    path.write_text(re.sub(r"^TODO:.*$", "Text.", text, flags=re.M), encoding="utf-8")


def errors(project: Path) -> str:
    code, out, _ = run_portal(project, "check")
    return "\n".join(line for line in out.splitlines() if "error[" in line) if code else ""


def test_lists_are_a_key_and_a_commented_item(project: Path) -> None:
    article = new(project, "article", "Acme opens", "--date", "2024-05-06", "--source", "Xinhua").read_text(
        encoding="utf-8")
    for key in ("organizations", "people", "places", "events", "topics"):
        assert f"\n{key}:\n#  - some-id\n" in article, key
    assert "\nstandards:\n#  - \"\"\n" in article
    assert '\n  authors:\n  #  - ""\n' in article  # nested below source:, at its indentation
    assert '\nimages:\n#  - caption: ""\n#    credit: ""\n#    file: ""\n' in article
    assert "[]" not in article
    person = new(project, "person", "ann-lee", "--name", "Ann Lee").read_text(encoding="utf-8")
    assert ('\nroles:\n#  - title: ""\n#    organization: some-id\n#    from: "YYYY-MM-DD"\n'
            '#    to: "YYYY-MM-DD"\n') in person
    organization = new(project, "organization", "beta", "--name", "Beta").read_text(encoding="utf-8")
    assert '\naliases:\n#  - ""\n' in organization


def test_left_as_written_the_lists_are_empty(project: Path) -> None:
    path = new(project, "article", "Acme opens", "--date", "2024-05-06", "--source", "Xinhua")
    fill(path)
    assert errors(project) == ""


def test_items_written_below_the_key_are_read(project: Path) -> None:
    path = new(project, "article", "Acme opens", "--date", "2024-05-06", "--source", "Xinhua")
    fill(path,
         ("organizations:\n#  - some-id\n", "organizations:\n#  - some-id\n  - acme\n"),  # below the comment
         ("places:\n#  - some-id\n", "places:\n  - shanghai\n#  - some-id\n"),  # above it
         ("images:\n#  - caption", "images:\n  - caption: The opening\n#  - caption"),
         ('  authors:\n  #  - ""', '  authors:\n    - Li Ming\n  #  - ""'))
    assert errors(project) == ""
    assert "unreferenced" not in run_portal(project, "check")[1]  # acme and shanghai are listed


def test_uncommenting_the_example_gives_a_list_item(project: Path) -> None:
    path = new(project, "article", "Acme opens", "--date", "2024-05-06", "--source", "Xinhua")
    fill(path, ("#  - some-id", "  - some-id"))
    assert errors(project).endswith("error[unknown-reference]: no organization with id 'some-id'")


def test_contributing_shows_the_list_as_written() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "```yaml\n  organizations:\n  #  - some-id\n  ```" in guide
