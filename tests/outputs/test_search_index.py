"""Issues 5 and 16: what the Pagefind index holds for a build (the browser tests search it for real).

Checked on the real site only as invariants that hold for any content: exactly the searchable pages
are indexed, each under its own names, with its facets.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.graph import Catalog
from generator.outputs.api import endpoints
from generator.outputs.search import INDEXED, KIND_LABELS, han_suffixes
from generator.pages.plan import plan
from generator.pipeline import build_catalog

from ..helpers import CONTENT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = build_catalog(CONTENT)
    assert result.ok
    return result.catalog


@pytest.fixture(scope="module")
def fragments(built_site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's per-page fragments (gzip: the signature pagefind_dcd, then JSON), by site-relative URL."""
    out = {}
    for path in (built_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        doc = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        out[doc["url"].lstrip("/")] = doc
    return out


def test_exactly_the_searchable_pages_are_indexed(built_site: Path, fragments: dict[str, Any],
                                                  catalog: Catalog) -> None:
    specs = plan(catalog, endpoints(catalog))
    searchable = {s.url for s in specs if s.kind in INDEXED and s.search}
    listings = {s.url for s in specs if s.kind == "listing"}
    assert listings and searchable
    assert set(fragments) == searchable
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert [lang["page_count"] for lang in entry["languages"].values()] == [len(searchable)]
    assert not list((built_site / "search").glob("*"))  # Material's lunr index is gone


def test_each_entity_is_indexed_under_every_name_with_its_kind(fragments: dict[str, Any], catalog: Catalog) -> None:
    nodes = [*catalog.organizations.values(), *catalog.people.values(), *catalog.places.values(),
             *catalog.topics.values()]
    for node in nodes:
        doc = fragments[node.url]
        names = doc["meta"]["names"].split(" · ")
        for name in (node.name, getattr(node, "short_name", None), *getattr(node, "aliases", []),
                     getattr(node, "name_zh", None)):
            assert not name or (name in names and name in doc["content"]), (node.url, name)
        assert doc["meta"]["kind"] == KIND_LABELS[node.kind]
        assert doc["filters"]["kind"] == [KIND_LABELS[node.kind]]


def test_articles_carry_date_and_facets(fragments: dict[str, Any], catalog: Catalog) -> None:
    for article in catalog.articles.values():
        doc = fragments[article.url]
        assert doc["meta"]["title"] == article.title
        assert doc["meta"]["date"] == article.date.display()
        assert doc["filters"]["year"] == [str(article.date.year)]
        assert sorted(doc["filters"].get("organization", [])) == sorted(
            o.short_name or o.name for o in article.organizations)
        assert sorted(doc["filters"].get("topic", [])) == sorted(t.name for t in article.topics)


def test_chinese_names_are_indexed_with_every_suffix(fragments: dict[str, Any], catalog: Catalog) -> None:
    """Pagefind finds a word by its prefix; the suffixes make every part of a Chinese name a prefix."""
    for node in [*catalog.organizations.values(), *catalog.people.values(), *catalog.places.values()]:
        if node.name_zh:
            words = {w.strip(".,;()") for w in fragments[node.url]["content"].split()}
            assert set(han_suffixes([node.name_zh])) <= words, node.url


def test_han_suffixes() -> None:
    assert han_suffixes(["上海市质量技术监督局 (SMBQTS)"]) == [
        "海市质量技术监督局", "市质量技术监督局", "质量技术监督局", "量技术监督局", "技术监督局", "术监督局", "监督局",
        "督局", "局"]
    assert han_suffixes(["ISO", "上海", "上海"]) == ["海"]
    assert han_suffixes([]) == []
