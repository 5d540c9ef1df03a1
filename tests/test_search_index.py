"""Issue 5: what Material's search index holds for the real content (the browser tests search it for real)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.catalog import Catalog
from generator.pipeline import build_catalog
from generator.site.plan import plan

from .helpers import CONTENT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = build_catalog(CONTENT)
    assert result.ok
    return result.catalog


@pytest.fixture(scope="module")
def docs(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_entity_pages_are_indexed_under_every_name(docs: list[dict[str, Any]], catalog: Catalog) -> None:
    by_location = {doc["location"]: doc for doc in docs}
    for org in catalog.organizations.values():
        doc = by_location[org.url]  # the page itself, not a section anchor
        title = doc["title"].replace("\u200b", "")
        assert org.name in title and (org.short_name or "") in title and (org.name_zh or "") in title
        assert all(alias in doc["text"] for alias in org.aliases)
        assert doc.get("boost", 1) > 1
    for node in [*catalog.people.values(), *catalog.places.values()]:
        assert (node.name_zh or "") in by_location[node.url]["title"].replace("\u200b", "")


def test_chinese_text_is_segmented_into_words(docs: list[dict[str, Any]], catalog: Catalog) -> None:
    """jieba puts zero-width spaces between words; the configured separator splits on them."""
    titles = {doc["location"]: doc["title"] for doc in docs}
    segmented = [o.url for o in catalog.organizations.values()
                 if o.name_zh and "\u200b" in titles[o.url].split(" ")[-1].strip("\u200b")]
    assert segmented, "no Chinese name was split into words: is jieba installed?"


def test_listings_and_reverse_lists_stay_out(docs: list[dict[str, Any]], catalog: Catalog) -> None:
    locations = {doc["location"] for doc in docs}
    listings = {spec.url for spec in plan(catalog) if not spec.search}
    assert listings and not (listings & locations)
    # Article lists, event lists and related items on entity pages, the home page's lists and the
    # timeline's events add no entries of their own (each of those items is indexed on its own page).
    anchors = {loc.split("#", 1)[1] for loc in locations if "#" in loc}
    assert not anchors & {"articles", "events", "related", "people", "in-this-article", "latest",
                          "recent-events", "explore"}
    assert not [a for a in anchors if a.startswith("y") and a[1:].isdigit()]
    assert all(doc["title"] for doc in docs)
