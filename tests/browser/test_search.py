"""Issue 5: a reader who remembers only a short name, a person, a Chinese name or an event finds it in one search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalog import Catalog
from generator.site.plan import plan

from .support import Reader

pytestmark = pytest.mark.browser


def org_by_short_name(catalog: Catalog, short_name: str) -> str:
    return next(o.url for o in catalog.organizations.values() if o.short_name == short_name)


def node_by_name_zh(catalog: Catalog, name_zh: str) -> str:
    nodes = [*catalog.organizations.values(), *catalog.people.values(), *catalog.places.values()]
    return next(n.url for n in nodes if getattr(n, "name_zh", None) == name_zh)


@pytest.mark.parametrize("query", ["SMBQTS", "CNCA"])
def test_short_name_finds_the_organization_first(reader: Reader, catalog: Catalog, query: str) -> None:
    reader.goto("")
    results = reader.search(query)
    assert results[:1] == [org_by_short_name(catalog, query)], results


def test_person_first_and_the_articles_that_name_them(reader: Reader, catalog: Catalog) -> None:
    person = next(p for p in catalog.people.values() if p.name == "Kuang Bing")
    assert person.articles, "the person should appear in at least one article"
    reader.goto("")
    results = reader.search("Kuang Bing")
    assert results[0] == person.url, results
    missing = [a.url for a in person.articles if a.url not in results]
    assert missing == [], results


def test_chinese_name_finds_its_page_first(reader: Reader, catalog: Catalog) -> None:
    reader.goto("")
    results = reader.search("上海")
    assert results[:1] == [node_by_name_zh(catalog, "上海")], results


def test_event_name_finds_the_event_first(reader: Reader, catalog: Catalog) -> None:
    event = next(e for e in catalog.events.values() if e.title.startswith("World Standards Day"))
    reader.goto("")
    results = reader.search("World Standards Day")
    assert results[0] == event.url, results


def test_every_name_of_every_entity_finds_its_page(reader: Reader, catalog: Catalog) -> None:
    """Name, short name, aliases and Chinese name of organizations, people and places."""
    queries: list[tuple[str, str]] = []
    for node in [*catalog.organizations.values(), *catalog.people.values(), *catalog.places.values()]:
        names = [node.name, getattr(node, "short_name", None), *getattr(node, "aliases", []), node.name_zh]
        # A double quote is Material's phrase syntax, not something a reader types for a name.
        queries += [(name, node.url) for name in names if name and '"' not in name]
    reader.goto("")
    missed = [(query, url, results[:5]) for query, url in queries if url not in (results := reader.search(query))]
    assert missed == []


def test_words_inside_chinese_names_find_the_page(reader: Reader, built_site: Path, catalog: Catalog) -> None:
    """jieba splits compound Chinese names at build time, so a word inside one finds the entity."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    queries = []
    for org in catalog.organizations.values():
        if org.name_zh:
            words = [w for w in titles[org.url].split("\u200b") if w.strip() and w in org.name_zh]
            queries += [(word, org.url) for word in words[1:] if len(word) > 1]  # the first word is a prefix
    assert queries, "no Chinese name was segmented: is jieba installed?"
    reader.goto("")
    missed = [(query, url, results[:5]) for query, url in queries if url not in (results := reader.search(query))]
    assert missed == []


def test_listing_pages_never_crowd_the_results(reader: Reader, catalog: Catalog) -> None:
    listings = {spec.url for spec in plan(catalog) if not spec.search}
    assert {"news/", "organizations/", "events/"} <= listings
    reader.goto("")
    for query in ["standardization", "Shanghai", "2018", "News", "Organizations"]:
        results = reader.search(query)
        assert results, query
        assert [url for url in results if url in listings] == [], query
