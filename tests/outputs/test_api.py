"""The static data API: every file validates against its schema and matches the catalog.

On the fixture site, and (marker ``live``) on the live content, whatever it holds.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest
from lxml import html as lxml_html

from ..fixture_site import SITE_URL, Built
from ..helpers import page_text, read_page

BOTH = pytest.mark.parametrize("which", ["fixture_site", pytest.param("live_url_site", marks=pytest.mark.live)])

NAMES = ("articles", "events", "organizations", "people", "places", "topics")
# Which fields of which file refer to ids in which other file.
REFERENCES = {
    "articles": {"organizations": "organizations", "people": "people", "places": "places", "events": "events",
                 "topics": "topics"},
    "events": {"place": "places", "organizations": "organizations", "people": "people", "articles": "articles"},
    "organizations": {"parent": "organizations", "children": "organizations", "place": "places",
                      "people": "people", "events": "events", "articles": "articles"},
    "people": {"events": "events", "articles": "articles"},
    "places": {"parent": "places", "children": "places", "organizations": "organizations", "events": "events",
               "articles": "articles"},
    "topics": {"articles": "articles"},
}


def load(site: Path, rel: str) -> Any:
    return json.loads((site / rel).read_text(encoding="utf-8"))


def validator(site: Path, name: str) -> jsonschema.Draft202012Validator:
    schema = load(site, f"api/v1/schema/{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@BOTH
@pytest.mark.parametrize("name", NAMES)
def test_file_validates_against_its_schema(request: pytest.FixtureRequest, which: str, name: str) -> None:
    url_site: Built = request.getfixturevalue(which)
    data = load(url_site.site, f"api/v1/{name}.json")
    validator(url_site.site, name).validate(data)
    assert data["schema"] == f"{SITE_URL}api/v1/schema/{name}.schema.json"
    assert data["count"] == len(data["items"]) == url_site.catalog.counts()[name]


@pytest.mark.parametrize("name", NAMES)
def test_schema_rejects_drift(fixture_site: Built, name: str) -> None:
    """The schemas are strict: an unknown key or a missing one is an error."""
    data = load(fixture_site.site, f"api/v1/{name}.json")
    check = validator(fixture_site.site, name)
    extra = copy.deepcopy(data)
    extra["items"][0]["unexpected"] = 1
    missing = copy.deepcopy(data)
    del missing["items"][0]["url"]
    for bad in (extra, missing):
        assert not check.is_valid(bad)


@BOTH
def test_items_match_the_catalog_in_a_fixed_order(request: pytest.FixtureRequest, which: str) -> None:
    url_site: Built = request.getfixturevalue(which)
    cat = url_site.catalog
    files = {name: load(url_site.site, f"api/v1/{name}.json")["items"] for name in NAMES}
    assert [a["id"] for a in files["articles"]] == [a.id for a in cat.article_list]  # newest first
    for name in NAMES[1:]:
        assert [i["id"] for i in files[name]] == sorted(getattr(cat, name)), name
    for item in files["articles"]:
        article = cat.articles[item["id"]]
        assert (item["title"], item["date"], item["summary"]) == (article.title, article.date.iso(), article.summary)
        assert item["source"]["name"] == article.source.name
        assert item["organizations"] == [o.id for o in article.organizations]
    for item in files["events"]:
        event = cat.events[item["id"]]
        assert (item["date"], item["date_precision"]) == (event.date.iso(), event.date.precision.name.lower())
        assert item["in_calendar"] == (event.date.precision.name == "DAY")
    for item in files["organizations"]:
        org = cat.organizations[item["id"]]
        assert item["articles"] == [a.id for a in org.articles]
        assert item["parent"] == (org.parent.id if org.parent else None)


@BOTH
def test_urls_and_cross_references_resolve(request: pytest.FixtureRequest, which: str) -> None:
    url_site: Built = request.getfixturevalue(which)
    files = {name: load(url_site.site, f"api/v1/{name}.json")["items"] for name in NAMES}
    known = {name: {i["id"] for i in items} for name, items in files.items()}
    for name, items in files.items():
        for item in items:
            assert item["url"].startswith(SITE_URL)
            assert (url_site.site / item["url"][len(SITE_URL):] / "index.html").exists(), item["url"]
            for field, target in REFERENCES[name].items():
                refs = item[field] if isinstance(item[field], list) else [item[field]] if item[field] else []
                assert set(refs) <= known[target], (name, item["id"], field)


def test_api_page_documents_every_file(fixture_site: Built) -> None:
    url_site = fixture_site
    html = read_page(url_site.site, "api/")
    doc = lxml_html.fromstring(html)
    hrefs = {urljoin(SITE_URL + "api/", h) for h in doc.xpath("//a/@href")}
    text = page_text(html)
    for name in NAMES:
        assert f"{SITE_URL}api/v1/{name}.json" in hrefs and f"{SITE_URL}api/v1/schema/{name}.schema.json" in hrefs
        assert (url_site.site / f"api/v1/{name}.json").exists()
        assert f"{url_site.catalog.counts()[name]} item" in text
    for field in load(url_site.site, "api/v1/schema/events.schema.json")["properties"]["items"]["items"]["properties"]:
        assert doc.xpath(f"//section[@id='events']//td/code[string(.)='{field}']"), field
    nav = lxml_html.fromstring(read_page(url_site.site, "")).xpath("//nav[contains(@class,'md-tabs')]//a/@href")
    assert nav and not [h for h in nav if "api/" in h]


def test_without_site_url_api_urls_are_root_relative(fixture_plain_site: Built) -> None:
    built_site = fixture_plain_site.site
    data = load(built_site, "api/v1/organizations.json")
    assert data["schema"] == "/api/v1/schema/organizations.schema.json"
    assert all(i["url"] == f"/organizations/{i['id']}/" for i in data["items"])
    validator(built_site, "organizations").validate(data)
