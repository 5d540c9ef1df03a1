"""JSON-LD, Open Graph, Twitter cards and canonical links, read from the built HTML.

JSON-LD is extracted with extruct and expanded with pyld; pyld never goes to the
network: a local stub stands in for the schema.org context. Behaviour on the fixture site; the tests that
compare every page with the catalog also run (marker ``live``) on the live content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import extruct
import pytest
from lxml import html as lxml_html
from pyld import jsonld

from generator.outputs.ids import TagIds

from ..fixture_site import MULTI_DAY_ID, ORG_ID, SITE_URL, TRICKY_ID, TRICKY_TITLE, Built
from ..helpers import read_page, walk

BOTH = pytest.mark.parametrize("which", ["fixture_site", pytest.param("live_url_site", marks=pytest.mark.live)])

S = "https://schema.org/"
IDS = TagIds()


def tag(node: Any) -> str:
    return IDS.node(node)


SCHEMA_CONTEXT = {"@context": {"@vocab": S}}


def local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": SCHEMA_CONTEXT}
    raise AssertionError(f"pyld tried to load {url}")


def expanded(site: Path, url: str, base: str = SITE_URL) -> list[dict[str, Any]]:
    """The page's JSON-LD, expanded: a flat list of nodes (the @graph) with full IRIs."""
    data = extruct.extract(read_page(site, url), base_url=base + url, syntaxes=["json-ld"])["json-ld"]
    assert len(data) == 1, url
    out = jsonld.expand(data[0], {"documentLoader": local_loader, "base": base + url})
    assert out and all("@id" in node and "@type" in node for node in out), url
    return out


def of_type(graph: list[dict[str, Any]], type_: str) -> dict[str, Any]:
    found = [n for n in graph if S + type_ in n.get("@type", [])]
    assert len(found) == 1, type_
    return found[0]


def value(node: dict[str, Any], key: str) -> Any:
    return node[S + key][0].get("@value", node[S + key][0].get("@id"))


def ids(node: dict[str, Any], key: str) -> set[str]:
    return {v["@id"] for v in node.get(S + key, [])}


@BOTH
def test_news_article(request: pytest.FixtureRequest, which: str) -> None:
    url_site: Built = request.getfixturevalue(which)
    cat = url_site.catalog
    for article in cat.article_list:
        node = of_type(expanded(url_site.site, article.url), "NewsArticle")
        assert node["@id"] == tag(article)
        assert value(node, "headline") == article.title
        assert value(node, "datePublished").startswith(article.date.iso())
        assert value(node, "dateModified").startswith((article.updated or article.date).iso())
        assert value(node, "description") == article.summary
        assert value(node, "publisher") == IDS.of("publisher")
        assert ids(node, "about") == {tag(e) for e in article.events}
        assert ids(node, "mentions") >= {tag(o) for o in article.organizations}
        assert ids(node, "contentLocation") == {tag(p) for p in article.places}
        if article.source.url:
            based_on = node[S + "isBasedOn"][0]
            assert value(based_on, "url") == article.source.url


def test_partial_date_and_tricky_headline(fixture_site: Built) -> None:
    tricky = of_type(expanded(fixture_site.site, fixture_site.catalog.articles[TRICKY_ID].url), "NewsArticle")
    assert value(tricky, "datePublished").startswith("2019-03")  # a month stays a month
    assert value(tricky, "headline") == TRICKY_TITLE


def test_script_content_cannot_break_out(fixture_site: Built) -> None:
    raw = read_page(fixture_site.site, fixture_site.catalog.articles[TRICKY_ID].url)
    doc = lxml_html.fromstring(raw)
    scripts = doc.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1
    assert "</script>" not in scripts[0].text and "<!--" not in scripts[0].text


@BOTH
def test_event(request: pytest.FixtureRequest, which: str) -> None:
    url_site: Built = request.getfixturevalue(which)
    for event in url_site.catalog.event_list:
        node = of_type(expanded(url_site.site, event.url), "Event")
        assert node["@id"] == tag(event)
        assert value(node, "name") == event.title
        assert value(node, "startDate").startswith(event.date.iso())  # 2017-07 when only the month is known
        if event.end:
            assert value(node, "endDate").startswith(event.end.iso())
        if event.place:
            assert ids(node, "location") == {tag(event.place)}
        assert ids(node, "organizer") == {tag(o) for o in event.organizations}


def test_multi_day_event(fixture_site: Built) -> None:
    multi = of_type(expanded(fixture_site.site, f"events/{MULTI_DAY_ID}/"), "Event")
    assert (value(multi, "startDate"), value(multi, "endDate")) == ("2019-03-05T00:00:00+00:00",
                                                                "2019-03-07T00:00:00+00:00")


@BOTH
def test_organization_person_place_topic(request: pytest.FixtureRequest, which: str) -> None:
    url_site: Built = request.getfixturevalue(which)
    cat = url_site.catalog
    for org in cat.organizations.values():
        node = of_type(expanded(url_site.site, org.url), "Organization")
        assert value(node, "name") == org.name
        names = {v["@value"] for v in node.get(S + "alternateName", [])}
        assert names == {n for n in (org.short_name, *org.aliases, org.name_zh) if n}
        if org.parent:
            assert ids(node, "parentOrganization") == {tag(org.parent)}
        if org.website:
            assert value(node, "sameAs") == org.website and value(node, "url") == org.website
        else:
            assert value(node, "url") == SITE_URL + org.url
    for person in cat.people.values():
        node = of_type(expanded(url_site.site, person.url), "Person")
        assert value(node, "name") == person.name
        assert ids(node, "affiliation") == {tag(r.organization) for r in person.roles if r.organization}
    for place in cat.places.values():
        node = of_type(expanded(url_site.site, place.url), "Place")
        assert value(node, "name") == place.name
        if place.parent:
            assert ids(node, "containedInPlace") == {tag(place.parent)}
    for topic in cat.topics.values():
        assert value(of_type(expanded(url_site.site, topic.url), "DefinedTerm"), "name") == topic.name


def test_breadcrumbs_and_website(fixture_site: Built) -> None:
    home = expanded(fixture_site.site, "")
    site = of_type(home, "WebSite")
    assert site["@id"] == IDS.of("website") and value(site, "url") == SITE_URL
    article = fixture_site.catalog.article_list[0]
    crumbs = of_type(expanded(fixture_site.site, article.url), "BreadcrumbList")
    items = sorted(crumbs[S + "itemListElement"], key=lambda i: value(i, "position"))
    assert [value(i, "item") for i in items] == [
        SITE_URL, SITE_URL + "news/", f"{SITE_URL}news/{article.year}/", SITE_URL + article.url]
    assert value(items[-1], "name") == article.title


@BOTH
def test_an_entity_has_one_id_everywhere(request: pytest.FixtureRequest, which: str) -> None:
    """Every @id that points at an entity names it the same way and is described on its own page."""
    url_site: Built = request.getfixturevalue(which)
    seen: dict[str, set[tuple[str, ...]]] = {}
    described: set[str] = set()
    pages = [p for p in url_site.site.rglob("index.html") if p.parent.name != "search"]
    for page in pages:
        url = page.parent.relative_to(url_site.site).as_posix() + "/"
        url = "" if url == "./" else url
        for node in walk(expanded(url_site.site, url)):
            if node.get("@id", "").startswith("tag:") and S + "name" in node:
                seen.setdefault(node["@id"], set()).add((value(node, "name"), *node.get("@type", [])))
                if S + "url" in node:
                    described.add(node["@id"])
    assert seen
    assert {i: v for i, v in seen.items() if len(v) > 1} == {}
    entity_ids = {i for i in seen if not i.startswith(tuple(IDS.of(k) for k in ("website", "publisher", "page/")))}
    assert entity_ids <= described



def meta(doc: Any, attr: str, name: str) -> list[str]:
    return doc.xpath(f"//head/meta[@{attr}='{name}']/@content")


@pytest.mark.parametrize("url", ["", "news/", "timeline/", f"organizations/{ORG_ID}/", "about/", "api/"])
def test_open_graph_twitter_and_canonical(fixture_site: Built, url: str) -> None:
    doc = lxml_html.fromstring(read_page(fixture_site.site, url))
    assert doc.xpath("//head/link[@rel='canonical']/@href") == [SITE_URL + url]
    assert meta(doc, "property", "og:url") == [SITE_URL + url]
    assert meta(doc, "property", "og:site_name") == ["Standards News Portal"]
    assert len(meta(doc, "property", "og:title")) == 1 and len(meta(doc, "property", "og:description")) == 1
    assert meta(doc, "property", "og:type") == ["website"]
    assert meta(doc, "name", "twitter:card") == ["summary_large_image"]
    assert meta(doc, "name", "twitter:title") == meta(doc, "property", "og:title")


def test_article_open_graph(fixture_site: Built) -> None:
    article = fixture_site.catalog.article_list[0]
    doc = lxml_html.fromstring(read_page(fixture_site.site, article.url))
    assert meta(doc, "property", "og:type") == ["article"]
    assert meta(doc, "property", "og:title") == [article.title]
    assert meta(doc, "property", "og:description") == [article.summary]
    assert meta(doc, "property", "article:published_time")[0].startswith(article.date.iso())


def test_without_site_url_ids_are_root_relative_and_canonical_is_relative(fixture_plain_site: Built) -> None:
    built_site = fixture_plain_site.site
    html = read_page(built_site, f"organizations/{ORG_ID}/")
    doc = lxml_html.fromstring(html)
    assert doc.xpath("//head/link[@rel='canonical']/@href") == ["./"]
    assert meta(doc, "property", "og:url") == []
    data = extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]
    org = next(n for n in data["@graph"] if n["@type"] == "Organization")
    assert org["@id"] == IDS.of(f"organization/{ORG_ID}")  # permanent: the same with or without site_url
    node = of_type(expanded(built_site, f"organizations/{ORG_ID}/", base="http://127.0.0.1:8000/"), "Organization")
    assert node["@id"] == IDS.of(f"organization/{ORG_ID}")
