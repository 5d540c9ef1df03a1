"""RSS 2.0, Atom and JSON Feed 1.1: site-wide and one per organization, topic and place.

Feeds are serialized with ElementTree and json, in catalog order, with no build
timestamp, so the same content always gives the same bytes.

Item ids are permanent tag: URIs (outputs/ids.py), never the page address. A partial
date is placed at the start of its period in the fields that need a full timestamp
(RSS pubDate, Atom published/updated, JSON Feed date_published/date_modified); the
date as written and its precision are in an extension (``portal:date`` in RSS and
Atom, ``_portal`` in JSON Feed), and no text shows a day the report does not give.
The original outlet is an extension element too (``atom:source`` is for entries
copied from another feed), and is left out when the report names none.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from ..catalog.graph import Catalog
from ..catalog.nodes import Article, Node
from ..dates import PartialDate
from .site import GENERATOR, LANGUAGE, Site, absolute_links, article_html, latest, modified, moment
from .urls import FEED_ATOM, FEED_JSON, FEED_RSS, feed_kinds

FEED_LIMIT = 50  # newest articles per feed; older ones stay on the site and in the data API
EXTENSION_DOC = "api/#partial-dates"  # where the API page describes the feeds' extension

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# The portal's feed extension: a fixed name for the vocabulary (a tag: URI, so it names no web page).
PORTAL_NS = "tag:standards-news-portal,2017:feed"
for _prefix, _uri in (("atom", ATOM_NS), ("content", CONTENT_NS), ("dc", DC_NS), ("portal", PORTAL_NS)):
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    description: str
    folder: str  # site-relative folder the feed files go in: "" or "organizations/iso/"
    page: str  # site-relative URL of the page the feed follows
    articles: Sequence[Article]  # newest first
    ident: str = ""  # what its permanent id is made of (an entity's first id, kept by `portal mv`); "": folder


def site_feeds(catalog: Catalog, site: Site) -> Iterator[Feed]:
    yield Feed(site.name, site.description, "", "", catalog.article_list[:FEED_LIMIT])
    for node in entity_nodes(catalog):
        first = f"{node.section}/{node.former[0]}/" if node.former else node.url
        yield Feed(f"{node.label} — {site.name}", f"Articles about {node.label} on {site.name}.",
                   node.url, node.url, _articles(node)[:FEED_LIMIT], first)


def entity_nodes(catalog: Catalog) -> Iterator[Node]:
    for kind in feed_kinds():
        yield from catalog.table(kind).values()


def _articles(node: Node) -> list[Article]:
    return node.listed_articles


def write_feeds(catalog: Catalog, site_dir: Path, site: Site, rendered: Mapping[str, str],
                only: Container[str] | None = None) -> list[str]:
    """Write every feed (or those whose folder is in ``only``: `mkdocs serve`, outputs/incremental_outputs.py);
    RSS and Atom only with site_url (they require absolute links). ``rendered``: the
    sanitized HTML body of each article the site build rendered, by article id."""
    fallback = latest(catalog)
    html: dict[str, str] = {}  # rendered once per article, shared by every feed it appears in
    written: list[str] = []
    for feed in site_feeds(catalog, site):
        if only is not None and feed.folder not in only:
            continue
        updated = max((moment(modified(a)) for a in feed.articles), default=fallback)
        for a in feed.articles:
            if a.id not in html:
                html[a.id] = absolute_links(article_html(a, rendered), site.links.href(a.url))
        outputs: list[tuple[str, bytes]] = [(FEED_JSON, _json_feed(feed, site, html))]
        if site.links.absolute:
            outputs.append((FEED_RSS, _rss(feed, site, html, updated)))
            if not feed.folder:
                outputs.append((FEED_ATOM, _atom(feed, site, html, updated)))
        for name, data in outputs:
            path = site_dir / feed.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(feed.folder + name)
    return written


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _rss(feed: Feed, site: Site, html: dict[str, str], updated: dt.datetime) -> bytes:
    href = site.links.href
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", href(feed.page))
    _sub(channel, "description", feed.description)
    _sub(channel, "language", LANGUAGE)
    _sub(channel, "lastBuildDate", format_datetime(updated))
    _sub(channel, "generator", GENERATOR)
    _sub(channel, f"{{{ATOM_NS}}}link", href=href(feed.folder + FEED_RSS), rel="self", type="application/rss+xml")
    for a in feed.articles:
        url = href(a.url)
        item = _sub(channel, "item")
        _sub(item, "title", a.title)
        _sub(item, "link", url)
        _sub(item, "guid", site.ids.node(a), isPermaLink="false")
        _sub(item, "pubDate", format_datetime(moment(a.date)))
        _sub(item, "description", a.summary)
        _sub(item, f"{{{CONTENT_NS}}}encoded", html[a.id])
        if a.language != LANGUAGE:  # RSS says the channel's language; Dublin Core, an item's own
            _sub(item, f"{{{DC_NS}}}language", a.language)
        for topic in a.topics:
            _sub(item, "category", topic.name, domain=href(topic.url))
        if a.source.attributed:
            _sub(item, f"{{{DC_NS}}}source", a.source.name)
        _extensions(item, a)
    return _xml(rss)


def _date(parent: ET.Element, tag: str, date: PartialDate) -> None:
    _sub(parent, f"{{{PORTAL_NS}}}{tag}", date.iso(), precision=date.precision.name.lower())


def _extensions(entry: ET.Element, a: Article) -> None:
    """The dates as precise as the report gives them, and the original outlet (RSS and Atom)."""
    _date(entry, "date", a.date)
    if a.updated:
        _date(entry, "updated", a.updated)
    if a.source.attributed or a.source.url:
        source = _sub(entry, f"{{{PORTAL_NS}}}source", a.source.name if a.source.attributed else None)
        if a.source.url:
            source.set("url", a.source.url)


def _atom(feed: Feed, site: Site, html: dict[str, str], updated: dt.datetime) -> bytes:
    href = site.links.href

    # Atom is the default namespace, declared on the root, so element names stay plain.
    root = ET.Element("feed", {"xmlns": ATOM_NS, f"{{{XML_NS}}}lang": LANGUAGE})
    _sub(root, "title", feed.title)
    _sub(root, "subtitle", feed.description)
    _sub(root, "id", site.ids.of("feed/" + (feed.ident or feed.folder)))
    _sub(root, "link", rel="self", type="application/atom+xml", href=href(feed.folder + FEED_ATOM))
    _sub(root, "link", rel="alternate", type="text/html", href=href(feed.page))
    _sub(root, "updated", updated.isoformat())
    _sub(_sub(root, "author"), "name", site.name)
    _sub(root, "generator", GENERATOR)
    for a in feed.articles:
        url = href(a.url)
        entry = _sub(root, "entry", **{f"{{{XML_NS}}}base": url, f"{{{XML_NS}}}lang": a.language})
        _sub(entry, "title", a.title)
        _sub(entry, "id", site.ids.node(a))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "published", moment(a.date).isoformat())
        _sub(entry, "updated", moment(modified(a)).isoformat())
        _sub(entry, "summary", a.summary)
        _sub(entry, "content", html[a.id], type="html")
        for topic in a.topics:
            _sub(entry, "category", term=topic.id, label=topic.name, scheme=href("topics/"))
        _extensions(entry, a)
    return _xml(root)


def _json_feed(feed: Feed, site: Site, html: dict[str, str]) -> bytes:
    href = site.links.href
    items: list[dict[str, Any]] = []
    for a in feed.articles:
        url = href(a.url)
        item: dict[str, Any] = {
            "id": site.ids.node(a), "url": url, "title": a.title, "summary": a.summary, "content_html": html[a.id],
            "date_published": moment(a.date).isoformat(), "language": a.language,
        }
        if a.updated:
            item["date_modified"] = moment(modified(a)).isoformat()
        if a.topics:
            item["tags"] = [t.name for t in a.topics]
        if a.source.url:
            item["external_url"] = a.source.url
        # JSON Feed extension: the dates as precise as the report gives them, and the original outlet;
        # "about" points at its description, as the JSON Feed spec asks of extensions.
        ext: dict[str, Any] = {"about": href(EXTENSION_DOC), "date": a.date.iso(),
                               "date_precision": a.date.precision.name.lower()}
        if a.updated:
            ext |= {"updated": a.updated.iso(), "updated_precision": a.updated.precision.name.lower()}
        if a.source.attributed or a.source.url:
            ext["source"] = {"name": a.source.name if a.source.attributed else None, "url": a.source.url}
        item["_portal"] = ext
        items.append(item)
    data = {
        "version": "https://jsonfeed.org/version/1.1", "title": feed.title, "description": feed.description,
        "home_page_url": href(feed.page), "feed_url": href(feed.folder + FEED_JSON), "language": LANGUAGE,
        "authors": [{"name": site.name}], "items": items,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
