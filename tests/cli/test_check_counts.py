"""`portal check PATHS` and `--changed` say how many files they checked or reported on (issue 21)."""

from __future__ import annotations

from pathlib import Path

from ..helpers import write_tree
from ..workbench import ACME_ARTICLE, commit, init, run_portal


def test_the_summary_line_says_what_was_checked(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "organizations/beta.md": "---\nname: Beta Standards\n---\n",
        "news/2024/acme-opens.md": ACME_ARTICLE,
        "news/2024/beta-opens.md": ACME_ARTICLE.replace("  - acme\n", "  - beta\n").replace("Acme", "Beta"),
    })
    init(tmp_path)
    commit(tmp_path, "base")
    whole = run_portal(tmp_path, "check")[2].splitlines()[-1]
    assert whole.startswith("checked 5 files (2 articles, 2 organizations")
    named = run_portal(tmp_path, "check", "content/organizations")[2].splitlines()[-1]
    assert named.startswith("checked 2 named of 5 files (")
    (content / "organizations/beta.md").write_text("---\nname: Beta Standards Bureau\n---\n", encoding="utf-8")
    changed = run_portal(tmp_path, "check", "--changed")[2].splitlines()[-1]
    assert changed.startswith("checked 2 changed or affected of 5 files (")  # beta and the article naming it
