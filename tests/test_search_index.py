"""Issue 5: what Material's search index holds (the browser tests search it for real).

On the fixture site; the entity names are also checked (marker ``live``) on the live site.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.catalog import Catalog
from generator.site.plan import plan

from . import fixture_site as fx
from .fixture_site import Built

BOTH = pytest.mark.parametrize("which", ["fixture_plain_site", pytest.param("live_build", marks=pytest.mark.live)])


def index(built: Built) -> list[dict[str, Any]]:
    return json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@BOTH
def test_entity_pages_are_indexed_under_every_name(request: pytest.FixtureRequest, which: str) -> None:
    built: Built = request.getfixturevalue(which)
    catalog, by_location = built.catalog, {doc["location"]: doc for doc in index(built)}
    for org in catalog.organizations.values():
        doc = by_location[org.url]  # the page itself, not a section anchor
        title = doc["title"].replace("\u200b", "")
        assert org.name in title and (org.short_name or "") in title and (org.name_zh or "") in title
        assert all(alias in doc["text"] for alias in org.aliases)
        assert doc.get("boost", 1) > 1
    for node in [*catalog.people.values(), *catalog.places.values()]:
        assert (node.name_zh or "") in by_location[node.url]["title"].replace("\u200b", "")


def test_chinese_text_is_segmented_into_words(fixture_plain_site: Built) -> None:
    """jieba puts zero-width spaces between words; the configured separator splits on them."""
    titles = {doc["location"]: doc["title"] for doc in index(fixture_plain_site)}
    org = fixture_plain_site.catalog.organizations[fx.ORG_ID]
    assert org.name_zh == "示例市质量局"
    chinese = titles[org.url].split(" ")[-1].strip("\u200b")
    assert "\u200b" in chinese, "no Chinese name was split into words: is jieba installed?"
    assert chinese.replace("\u200b", "") == org.name_zh


def test_listings_and_reverse_lists_stay_out(fixture_plain_site: Built) -> None:
    catalog: Catalog = fixture_plain_site.catalog
    docs = index(fixture_plain_site)
    locations = {doc["location"] for doc in docs}
    listings = {spec.url for spec in plan(catalog) if not spec.search}
    assert {"news/", "news/page/2/", f"news/{fx.BRIEF_YEAR}/", f"organizations/{fx.BRIEF_ORG}/page/2/"} <= listings
    assert not (listings & locations)
    # Article lists, event lists and related items on entity pages, the home page's lists and the
    # timeline's events add no entries of their own (each of those items is indexed on its own page).
    anchors = {loc.split("#", 1)[1] for loc in locations if "#" in loc}
    assert not anchors & {"articles", "events", "related", "people", "in-this-article", "latest",
                          "recent-events", "explore"}
    assert not [a for a in anchors if a.startswith("y") and a[1:].isdigit()]
    assert all(doc["title"] for doc in docs)
    assert {a.url for a in catalog.article_list} <= locations  # every article is found on its own page
