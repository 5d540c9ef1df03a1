"""Feeds read back with feedparser (RSS, Atom) and against the JSON Feed 1.1 spec.

Behaviour on the fixture site; the ``live`` tests check that the live content's feeds parse and match its
catalog, whatever it holds.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import etree
from lxml import html as lxml_html

from generator.catalog.graph import Catalog
from generator.catalog.nodes import Article, Node
from generator.outputs import write_outputs
from generator.outputs.feeds import FEED_LIMIT, PORTAL_NS
from generator.outputs.ids import TagIds

from ..fixture_site import BRIEF_ORG, PARENT_ORG_ID, SITE_URL, TRICKY_ID, TRICKY_TITLE, Built
from ..helpers import read_page

# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a schema: feedparser 6.0 reads only XML feeds.
JSON_FEED_11 = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"}, "home_page_url": {"type": "string"}, "feed_url": {"type": "string"},
        "description": {"type": "string"}, "language": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "items": {"type": "array", "items": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string"}, "url": {"type": "string"}, "external_url": {"type": "string"},
                "title": {"type": "string"}, "content_html": {"type": "string"}, "summary": {"type": "string"},
                "date_published": {"type": "string", "format": "date-time"},
                "date_modified": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
        }},
    },
}


IDS = TagIds()  # the default authority and date: ids never depend on the site's address


def text(fragment: str) -> str:
    return " ".join(lxml_html.fromstring(f"<div>{fragment}</div>").text_content().split())


def body_text(site: Path, article: Article) -> str:
    """The article body as its own page shows it."""
    body = lxml_html.fromstring(read_page(site, article.url)).xpath("//div[@class='portal-body']")[0]
    return " ".join(body.text_content().split())


def entity_articles(node: Node) -> list[Article]:
    return node.all_articles if node.kind == "place" else node.articles  # type: ignore[attr-defined]


def entities(catalog: Catalog) -> list[Node]:
    return [*catalog.organizations.values(), *catalog.topics.values(), *catalog.places.values()]


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def extensions(path: Path) -> dict[str, dict]:
    """The portal: extension elements of each RSS item or Atom entry, by item id (read with lxml:
    feedparser drops the text of unknown elements that have attributes)."""
    ns = {"atom": "http://www.w3.org/2005/Atom", "p": PORTAL_NS}
    root = etree.fromstring(path.read_bytes())
    out = {}
    for item in root.xpath("//item | //atom:entry", namespaces=ns):
        key = item.xpath("string(guid | atom:id)", namespaces=ns)
        date = item.find(f"{{{PORTAL_NS}}}date")
        source = item.find(f"{{{PORTAL_NS}}}source")
        out[key] = {"date": (date.text, date.get("precision")),
                    "source": (source.text, source.get("url")) if source is not None else (None, None)}
    return out


def check_json_feed(path: Path, articles: list[Article], base: str) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, JSON_FEED_11, format_checker=jsonschema.FormatChecker())
    expected = articles[:FEED_LIMIT]
    assert [item["id"] for item in data["items"]] == [IDS.node(a) for a in expected]
    assert [item["url"] for item in data["items"]] == [base + a.url for a in expected]
    for item, article in zip(data["items"], expected, strict=True):
        assert item["title"] == article.title and item["summary"] == article.summary
        assert item["tags"] == [t.name for t in article.topics] if article.topics else "tags" not in item
        assert item["_portal"]["date"] == article.date.iso()
        source = item["_portal"].get("source", {"name": None})
        assert source["name"] == (article.source.name if article.source.attributed else None)
    return data


def check_site_feeds(built: Built) -> None:
    """RSS, Atom and JSON Feed hold the newest FEED_LIMIT articles, newest first, as the pages show them."""
    articles = built.catalog.article_list
    expected = articles[:FEED_LIMIT]
    for name, version in (("feed.xml", "rss20"), ("atom.xml", "atom10")):
        feed = parse(built.site / name)
        assert feed.version == version
        assert len(feed.entries) == len(expected)
        for entry, article in zip(feed.entries, expected, strict=True):
            url = SITE_URL + article.url
            assert (entry.title, entry.link, entry.id) == (article.title, url, IDS.node(article))
            assert entry.summary == article.summary
            assert dt.date(*entry.published_parsed[:3]) == article.date.start()
            assert [t.label or t.term for t in entry.get("tags", [])] == [t.name for t in article.topics]
            assert text(entry.content[0].value) == body_text(built.site, article)
            assert "source" not in entry  # atom:source is for entries copied from another feed
        ext = extensions(built.site / name)
        for article in expected:
            source = ext[IDS.node(article)]["source"]
            assert source == ((article.source.name if article.source.attributed else None), article.source.url)
    check_json_feed(built.site / "feed.json", articles, SITE_URL)


def check_entity_feeds(built: Built) -> None:
    for node in entities(built.catalog):
        articles = entity_articles(node)
        feed = parse(built.site / node.url / "feed.xml")
        assert [e.link for e in feed.entries] == [SITE_URL + a.url for a in articles[:FEED_LIMIT]], node.id
        assert feed.feed.link == SITE_URL + node.url
        check_json_feed(built.site / node.url / "feed.json", articles, SITE_URL)


def test_site_wide_feeds_have_the_newest_articles_newest_first(fixture_site: Built) -> None:
    articles = fixture_site.catalog.article_list
    assert len(articles) > FEED_LIMIT  # the fixture reaches the limit
    assert articles[0].date > articles[FEED_LIMIT].date
    check_site_feeds(fixture_site)
    assert len(parse(fixture_site.site / "feed.xml").entries) == FEED_LIMIT


@pytest.mark.live
def test_live_feeds_parse_and_match_the_content(live_url_site: Built) -> None:
    check_site_feeds(live_url_site)
    check_entity_feeds(live_url_site)


def test_partial_date_is_placed_at_start_of_its_period(fixture_site: Built) -> None:
    article = fixture_site.catalog.articles[TRICKY_ID]
    assert article.date.iso() == "2019-03"
    rss = {e.id: e for e in parse(fixture_site.site / "feed.xml").entries}[IDS.node(article)]
    assert rss.title == TRICKY_TITLE
    assert rss.published_parsed[:6] == (2019, 3, 1, 0, 0, 0)
    data = json.loads((fixture_site.site / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["id"] == IDS.node(article))
    assert item["date_published"] == "2019-03-01T00:00:00+00:00"
    assert (item["_portal"]["date"], item["_portal"]["date_precision"]) == ("2019-03", "month")
    assert item["external_url"] == article.source.url
    # The text shown never names a day the report does not give.
    assert "1 March 2019" not in item["content_html"] + item["summary"] + item["title"]


def test_links_in_article_bodies_are_absolute_in_feeds(fixture_site: Built) -> None:
    entry = {e.id: e for e in parse(fixture_site.site / "atom.xml").entries}[IDS.of("article/" + TRICKY_ID)]
    assert f'href="{SITE_URL}organizations/{PARENT_ORG_ID}/"' in entry.content[0].value


def test_every_entity_has_its_own_feeds(fixture_site: Built) -> None:
    check_entity_feeds(fixture_site)
    brief_org = fixture_site.catalog.organizations[BRIEF_ORG]
    feed = parse(fixture_site.site / brief_org.url / "feed.xml")
    assert len(feed.entries) == min(len(brief_org.articles), FEED_LIMIT) > 20  # more than its page shows


def alternates(html: str) -> dict[str, str]:
    doc = lxml_html.fromstring(html)
    links = doc.xpath("//head/link[contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')]")
    return {link.get("href"): link.get("type") for link in links}


def test_every_page_links_the_site_feeds_and_entity_pages_their_own(fixture_site: Built) -> None:
    site_feeds = {SITE_URL + "feed.xml": "application/rss+xml", SITE_URL + "atom.xml": "application/atom+xml",
                  SITE_URL + "feed.json": "application/feed+json"}
    pages = [p for p in fixture_site.site.rglob("index.html") if p.parent.name != "search"]
    assert len(pages) > 50
    for page in pages:
        links = alternates(page.read_text(encoding="utf-8"))
        assert site_feeds.items() <= links.items(), page
    for node in entities(fixture_site.catalog):
        html = read_page(fixture_site.site, node.url)
        own = SITE_URL + node.url + "feed.xml"
        assert alternates(html).get(own) == "application/rss+xml", node.id
        visible = lxml_html.fromstring(html).xpath("//*[contains(@class,'portal-follow')]//a/@href")
        assert "feed.xml" in visible and "feed.json" in visible, node.id


def test_without_site_url_only_the_json_feed_is_written_with_root_relative_links(
    fixture_plain_site: Built,
) -> None:
    site, catalog = fixture_plain_site.site, fixture_plain_site.catalog
    assert not (site / "feed.xml").exists() and not (site / "atom.xml").exists()
    data = check_json_feed(site / "feed.json", catalog.article_list, "/")
    assert data["feed_url"] == "/feed.json"
    links = alternates(read_page(site, "news/"))
    assert list(links.values()) == ["application/feed+json"]
    org = next(iter(catalog.organizations.values()))
    assert not (site / org.url / "feed.xml").exists() and (site / org.url / "feed.json").exists()


def test_outputs_without_mkdocs_render_bodies_and_name_what_needs_site_url(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, fixture_catalog: Catalog
) -> None:
    with caplog.at_level(logging.INFO):
        written = write_outputs(fixture_catalog, tmp_path, None)
    messages = [r.getMessage() for r in caplog.records if "site_url" in r.getMessage()]
    assert len(messages) == 1 and "RSS and Atom" in messages[0]
    assert "feed.json" in written and "feed.xml" not in written
    data = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    first = fixture_catalog.article_list[0]
    # no site build: the body is rendered from Markdown here
    assert data["items"][0]["content_html"].startswith("<")
    assert first.body.split()[0] in data["items"][0]["content_html"]
