"""Issue 16: under `make serve` a file's own hash is kept while its parse is unchanged (pages/incremental.py)."""

from __future__ import annotations

from pathlib import Path

from generator.load.cache import ParseCache
from generator.pages.incremental import OwnHashes, node_hashes
from generator.pipeline import build_catalog

from ..helpers import write_tree
from ..workbench import ACME_ARTICLE as ARTICLE


def test_kept_hashes_equal_fresh_ones_and_follow_an_edit(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "organizations/beta.md": "---\nname: Beta Standards\n---\n",
        "news/2024/acme-opens.md": ARTICLE,
    })
    cache = ParseCache(tmp_path / "parse.pickle")  # as `mkdocs serve` keeps it: unchanged files, same Documents
    memo: OwnHashes = {}

    def hashes(kept: bool) -> dict[str, bytes]:
        result = build_catalog(content, cache=cache)
        assert not result.report.has_errors
        found = node_hashes(result.catalog, result.tree, memo if kept else None)
        nodes = [*result.catalog.articles.values(), *result.catalog.organizations.values()]
        return {Path(node.path).relative_to(content).as_posix(): found[id(node)] for node in nodes}

    first = hashes(kept=True)
    assert memo  # filled
    assert hashes(kept=True) == first == hashes(kept=False)
    (content / "news/2024/acme-opens.md").write_text(ARTICLE.replace("its doors", "its gates"), encoding="utf-8")
    edited = hashes(kept=True)
    assert edited == hashes(kept=False)
    article, beta = "news/2024/acme-opens.md", "organizations/beta.md"
    assert set(first) >= {article, beta}
    assert edited[article] != first[article] and edited[beta] == first[beta]
    assert len(memo) == len(first) + 1  # the edited file's old entry is gone (+1: the home page)
