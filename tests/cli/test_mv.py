"""`portal mv OLD NEW` (issue 21): every reference follows, the old address leads to the new page, and the
permanent ids (feeds, calendars, JSON-LD) do not change."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import html5lib
import pytest

from generator.cli.mv import MoveError, move
from generator.pipeline import build_catalog

from ..helpers import mkdocs_build, write_config, write_tree

ARTICLE = ("---\ntitle: {title}\ndate: \"{date}\"\nsummary: S.\nsource: {{name: X}}\norganizations:\n  - acme\n"
           "  - 'beta'\npeople: [ann]\nevents: [fair]\n---\n{body}\n")
CONTENT = {
    "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
    "organizations/acme.md": "---\nname: Acme Standards\n# its parent body\nparent: beta\n---\nAcme.\n",
    "organizations/beta.md": "---\nname: Beta Standards\n---\n",
    "people/ann.md": "---\nname: Ann Example\nroles:\n  - {title: director, organization: beta}\n---\n",
    "events/fair.md": "---\ntitle: Fair\ndate: \"2024-06-01\"\norganizations: [beta, acme]\n---\n",
    "news/2024/fair-opens.md": ARTICLE.format(
        title="Fair opens", date="2024-06-01",
        body="See [Beta](../../organizations/beta.md#history) and [the other](../2023/earlier.md)."),
    "news/2023/earlier.md": ARTICLE.format(title="Earlier", date="2023-01-01",
                                           body="Beta again: [B](../../organizations/beta.md)."),
}


def _tree(tmp_path: Path) -> Path:
    content = write_tree(tmp_path / "content", CONTENT)
    (content / "organizations/beta.md").write_text("---\nname: Beta Standards\n---\n## History\n\nOld.\n",
                                                   encoding="utf-8")
    return content


def test_every_reference_follows_and_the_check_stays_clean(tmp_path: Path) -> None:
    content = _tree(tmp_path)
    path, count, files = move(content, content / "organizations/beta.md", content / "organizations/beta-bureau.md")
    assert path == content / "organizations/beta-bureau.md" and not (content / "organizations/beta.md").exists()
    assert (count, files) == (7, 5)  # 4 id references (one quoted), 3 links, in acme, ann, fair and two articles
    acme = (content / "organizations/acme.md").read_text(encoding="utf-8")
    assert "# its parent body\nparent: beta-bureau\n" in acme  # comments and layout kept
    article = (content / "news/2024/fair-opens.md").read_text(encoding="utf-8")
    assert "  - 'beta-bureau'\n" in article and "(../../organizations/beta-bureau.md#history)" in article
    assert "moved_from: [\"beta\"]\n---\n## History" in path.read_text(encoding="utf-8")
    result = build_catalog(content)
    assert [d for d in result.report.items if d.severity.value != "note"] == []
    assert result.catalog.organizations["beta-bureau"].former == ["beta"]
    again, _, _ = move(content, path, content / "organizations/beta-board.md")  # moved twice: oldest first
    assert 'moved_from: ["beta", "beta-bureau"]' in again.read_text(encoding="utf-8")


def test_an_article_moves_to_another_year_with_its_links(tmp_path: Path) -> None:
    content = _tree(tmp_path)
    new, count, _ = move(content, content / "news/2023/earlier.md", content / "news/2022/earlier.md")
    assert count == 1  # the link from fair-opens
    assert "[B](../../organizations/beta.md)" in new.read_text(encoding="utf-8")  # same depth: unchanged
    assert "(../2022/earlier.md)" in (content / "news/2024/fair-opens.md").read_text(encoding="utf-8")
    assert 'moved_from: ["2023/earlier"]' in new.read_text(encoding="utf-8")
    codes = {d.code for d in build_catalog(content).report.items}
    assert codes == {"year-folder"}  # its date says 2023: the check says so, nothing else broke


@pytest.mark.parametrize(("old", "new", "message"), [
    ("organizations/acme.md", "people/acme.md", "can only move within content/organizations/"),
    ("organizations/acme.md", "organizations/beta.md", "already exists"),
    ("organizations/none.md", "organizations/some.md", "does not exist"),
    ("organizations/acme.md", "organizations/Acme.md", "not a valid file name"),
])
def test_refused_moves_change_nothing(tmp_path: Path, old: str, new: str, message: str) -> None:
    content = _tree(tmp_path)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    with pytest.raises(MoveError, match=message):
        move(content, content / old, content / new)
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def _ids(site: Path, page: str) -> dict[str, object]:
    """The permanent ids a reader's apps and search engines keep: feed items' guids, the JSON-LD entity's."""
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    tree = html5lib.parse((site / page / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    [ld] = [json.loads(s.text) for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    return {"items": sorted(e.id for e in feed.entries),
            "entity": next(n["@id"] for n in ld["@graph"] if n["@type"] == "Organization")}


def test_the_old_address_leads_on_and_permanent_ids_stay(tmp_path: Path) -> None:
    content = _tree(tmp_path)
    config = write_config(tmp_path, content, site_url="https://portal.example.org/")
    assert (run := mkdocs_build(config)).returncode == 0, run.stderr
    before = _ids(tmp_path / "site", "organizations/beta")
    move(content, content / "organizations/beta.md", content / "organizations/beta-bureau.md")
    move(content, content / "news/2024/fair-opens.md", content / "news/2024/the-fair-opens.md")
    assert (run := mkdocs_build(config)).returncode == 0, run.stderr
    site = tmp_path / "site"
    assert (site / "news/2024/fair-opens/index.html").is_file()  # the article's old address too
    assert _ids(site, "organizations/beta-bureau") == before  # feed readers and search engines see the same items
    old = html5lib.parse((site / "organizations/beta/index.html").read_text(encoding="utf-8"),
                         namespaceHTMLElements=False)
    [refresh] = [m for m in old.iter("meta") if m.get("http-equiv") == "refresh"]
    assert refresh.get("content") == "0; url=../beta-bureau/"
    assert any(m.get("name") == "robots" and m.get("content") == "noindex" for m in old.iter("meta"))
    assert "organizations/beta/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "organizations/beta-bureau/" in (site / "sitemap.xml").read_text(encoding="utf-8")
