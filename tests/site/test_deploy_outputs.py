"""Issue 15: what crawlers, feed readers and social sites get from a deployed build (fixture content in
tests/deploy_site.py): robots.txt, sitemap lastmod, the preview's one log line, partial dates and
outlets in feeds, and the social cards."""

from __future__ import annotations

import io
import json
import urllib.robotparser
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from PIL import Image

from generator.outputs import cards
from generator.outputs.cards import Card, write_cards
from generator.outputs.feeds import PORTAL_NS

from ..deploy_site import ADDRESS_A, Deployed, deployed
from ..helpers import page_text, read_page

__all__ = ["deployed"]  # the fixture, imported for pytest

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# The sitemaps.org protocol's rules for what the portal writes, as an XML Schema: at least one and at most 50,000
# url entries, each an absolute http(s) loc of at most 2,048 characters, lastmod a W3C date or date-time.
SITEMAP_SCHEMA = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"
    targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9">
  <xs:element name="urlset"><xs:complexType><xs:sequence>
    <xs:element name="url" minOccurs="1" maxOccurs="50000"><xs:complexType><xs:sequence>
      <xs:element name="loc" type="s:loc"/>
      <xs:element name="lastmod" type="s:lastmod" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:simpleType name="loc"><xs:restriction base="xs:anyURI">
    <xs:minLength value="12"/><xs:maxLength value="2048"/><xs:pattern value="https?://.+"/>
  </xs:restriction></xs:simpleType>
  <xs:simpleType name="lastmod"><xs:union memberTypes="xs:date xs:dateTime"/></xs:simpleType>
</xs:schema>"""


def pages(site: Path) -> list[str]:
    """Site-relative URL of every page."""
    out = []
    for page in sorted(site.rglob("index.html")):
        url = page.parent.relative_to(site).as_posix() + "/"
        if not url.startswith("search/"):
            out.append("" if url == "./" else url)
    return out


def test_robots_txt_names_the_sitemap(deployed: Deployed) -> None:
    robots = urllib.robotparser.RobotFileParser()
    robots.parse((deployed.a / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert robots.site_maps() == [ADDRESS_A + "sitemap.xml"]
    assert robots.can_fetch("*", ADDRESS_A + "news/2019/forum-opens/")
    preview = urllib.robotparser.RobotFileParser()
    preview.parse((deployed.preview / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert preview.site_maps() is None  # a Sitemap line must be absolute: left out without an address


def sitemap(site: Path) -> dict[str, str | None]:
    root = lxml.etree.parse(str(site / "sitemap.xml"))
    return {u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
            for u in root.getroot().findall("s:url", SITEMAP_NS)}


def test_sitemap_lastmod_is_the_newest_date_each_page_shows(deployed: Deployed) -> None:
    schema = lxml.etree.XMLSchema(lxml.etree.fromstring(SITEMAP_SCHEMA.encode()))
    schema.assertValid(lxml.etree.parse(str(deployed.a / "sitemap.xml")))
    entries = sitemap(deployed.a)
    assert set(entries) == {ADDRESS_A + url for url in pages(deployed.a)}
    expected = {
        "news/2019/forum-opens/": "2019-04-02",  # its correction
        "news/2018/year-only/": "2018-01-01",  # a year counts from its start, never a made-up later day
        "news/": "2020-05-01",  # the newest item of the listing
        "news/2019/": "2019-04-02",
        "events/forum-2019/": "2019-04-02",  # the report on it is newer than its last day
        "events/webinar-2020/": "2020-05-10",
        "timeline/": "2020-05-10",
        "organizations/smbqts/": "2019-04-02",
        "places/shenzhen/": "2018-07-01",
        "": "2020-05-10",
        "about/": None,  # shows no date: none is made up
    }
    assert {url: entries[ADDRESS_A + url] for url in expected} == expected
    assert sitemap(deployed.preview) == {}  # no absolute address, no entry (the log says so)


def test_a_preview_build_says_in_one_line_what_it_leaves_out(deployed: Deployed) -> None:
    lines = [line for line in deployed.preview_log.splitlines() if "PORTAL_SITE_URL" in line]
    assert len(lines) == 1
    for left_out in ("RSS and Atom", "sitemap.xml", "robots.txt", "og:url", "og:image"):
        assert left_out in lines[0]
    assert "PORTAL_SITE_URL" not in deployed.a_log
    assert not (deployed.preview / "feed.xml").exists() and (deployed.a / "feed.xml").exists()


def extension(path: Path, item_id: str) -> dict[str, tuple[str | None, str | None]]:
    """The portal: elements of one RSS item or Atom entry: {name: (text, precision or url)}."""
    root = lxml.etree.fromstring(path.read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [item] = [i for i in root.xpath("//item | //a:entry", namespaces=ns)
              if i.xpath("string(guid | a:id)", namespaces=ns) == item_id]
    return {el.tag.split("}")[1]: (el.text, el.get("precision") or el.get("url"))
            for el in item if el.tag.startswith(f"{{{PORTAL_NS}}}")}


def test_partial_dates_keep_their_precision_and_invent_no_day(deployed: Deployed) -> None:
    year_only = "tag:standards-news-portal,2017:article/2018/year-only"
    month = "tag:standards-news-portal,2017:article/2020/webinar"
    for name in ("feed.xml", "atom.xml"):
        parsed = {e.id: e for e in feedparser.parse((deployed.a / name).read_bytes()).entries}
        assert parsed[year_only].published_parsed[:3] == (2018, 1, 1)  # the start of the period
        assert parsed[month].published_parsed[:3] == (2020, 5, 1)
        assert extension(deployed.a / name, year_only)["date"] == ("2018", "year")
        assert extension(deployed.a / name, month)["date"] == ("2020-05", "month")
        assert extension(deployed.a / name, "tag:standards-news-portal,2017:article/2019/forum-opens")[
            "updated"] == ("2019-04-02", "day")
    items = {i["id"]: i for i in json.loads((deployed.a / "feed.json").read_text(encoding="utf-8"))["items"]}
    assert items[year_only]["date_published"] == "2018-01-01T00:00:00+00:00"
    assert (items[year_only]["_portal"]["date"], items[year_only]["_portal"]["date_precision"]) == ("2018", "year")
    assert items[year_only]["_portal"]["about"] == ADDRESS_A + "api/#partial-dates"  # JSON Feed: extensions say
    assert lxml.html.fromstring(read_page(deployed.a, "api/")).xpath("//*[@id='partial-dates']")  # where they are

    # No text a reader sees names a day: not in the feeds, not on the pages.
    invented = ("1 January", "January 1", "1 May", "May 1", "01 Jan", "01 May")
    for name in ("feed.xml", "atom.xml"):
        for entry in feedparser.parse((deployed.a / name).read_bytes()).entries:
            shown = " ".join([entry.title, entry.summary, *(c.value for c in entry.content)])
            assert not [d for d in invented if d in shown], entry.id
    for item in items.values():
        shown = " ".join([item["title"], item["summary"], item["content_html"]])
        assert not [d for d in invented if d in shown], item["id"]
    assert "1 January" not in page_text(read_page(deployed.a, "news/2018/year-only/"))


def test_feeds_name_real_outlets_only_and_atom_has_no_source(deployed: Deployed) -> None:
    for name in ("feed.xml", "atom.xml", "feed.json", "organizations/iso/feed.xml", "organizations/iso/feed.json"):
        assert "Unattributed" not in (deployed.a / name).read_text(encoding="utf-8"), name
    atom = lxml.etree.parse(str(deployed.a / "atom.xml"))
    assert atom.xpath("//a:entry/a:source", namespaces={"a": "http://www.w3.org/2005/Atom"}) == []
    forum = "tag:standards-news-portal,2017:article/2019/forum-opens"
    assert extension(deployed.a / "atom.xml", forum)["source"] == ("Test Gazette",
                                                                   "https://example.org/gazette/forum")
    assert "source" not in extension(deployed.a / "atom.xml", "tag:standards-news-portal,2017:article/2018/year-only")


@pytest.mark.parametrize("url", ["organizations/smbqts/", "topics/standards/", "places/shanghai/"])
def test_entity_pages_make_their_own_feeds_discoverable(deployed: Deployed, url: str) -> None:
    head = lxml.html.fromstring(read_page(deployed.a, url)).head
    feeds = {link.get("href"): link for link in head.xpath("link[@type='application/rss+xml']")}
    own = feeds[ADDRESS_A + url + "feed.xml"]
    assert "alternate" in own.get("rel").split() and own.get("title")
    assert own.get("rel") != "alternate" and own.get("hreflang") is None  # Material's language selector
    assert head.xpath(f"link[@type='application/feed+json'][@href='{ADDRESS_A + url}feed.json']")
    assert (deployed.a / url / "feed.xml").is_file()


def test_a_deployed_home_page_offers_every_site_feed_visibly(deployed: Deployed) -> None:
    """Issue 23: with site_url the site has RSS and Atom too; the home page's follow line offers each."""
    page = lxml.html.fromstring(read_page(deployed.a, ""))
    offered = {a.get("type") for a in page.xpath("//p[@class='portal-follow']//a")}
    assert {"application/rss+xml", "application/atom+xml", "application/feed+json", "text/calendar"} <= offered


def test_every_page_has_its_social_card(deployed: Deployed) -> None:
    seen = set()
    for url in pages(deployed.a):
        head = lxml.html.fromstring(read_page(deployed.a, url)).head
        [image] = head.xpath("meta[@property='og:image']/@content")
        assert image.startswith(ADDRESS_A + cards.CARD_ROOT), url
        assert head.xpath("meta[@name='twitter:image']/@content") == [image]
        assert head.xpath("meta[@name='twitter:card']/@content") == ["summary_large_image"]
        assert head.xpath("meta[@property='og:locale']/@content") == ["en_US"]
        png = deployed.a / image.removeprefix(ADDRESS_A)
        with Image.open(png) as card:
            assert (card.format, card.size) == ("PNG", (1200, 630)), url
        seen.add(image)
    assert len(seen) == len(pages(deployed.a))  # every page shows its own title


def card_pixels(card: Card) -> bytes:
    with Image.open(io.BytesIO(cards.draw(card))) as image:
        return image.tobytes()


def test_cards_render_chinese_as_text_not_boxes() -> None:
    """Missing glyphs all draw the same box: two different Chinese titles would then give the same image."""
    base = Card("深圳 pilot report", "News", "2018", "Test Portal")
    assert card_pixels(base) != card_pixels(Card("上海 pilot report", "News", "2018", "Test Portal"))
    # And a Chinese character is not drawn as the font's "missing glyph" box.
    assert card_pixels(Card("深", "", "", "")) != card_pixels(Card("\U0010fffd", "", "", ""))


def test_cards_are_drawn_once_and_kept_by_what_they_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[Card] = []
    real = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card: drawn.append(card) or real(card))
    one, two = Card("First", "News", "2018", "P"), Card("Second", "News", "2018", "P")
    write_cards([one, two, one], tmp_path / "site", tmp_path / "cache", "P")
    assert drawn == [one, two]
    write_cards([one, two, Card("Second", "News", "2019", "P")], tmp_path / "site2", tmp_path / "cache", "P")
    assert [c.date for c in drawn] == ["2018", "2018", "2019"]  # only the changed card is drawn again
    assert (tmp_path / "site2" / one.path).read_bytes() == (tmp_path / "site" / one.path).read_bytes()


def test_the_api_page_says_how_feeds_carry_partial_dates(deployed: Deployed) -> None:
    page = lxml.html.fromstring(read_page(deployed.a, "api/"))
    [text] = [" ".join(p.text_content().split()) for p in page.xpath("//p[@id='partial-dates']")]
    for claim in ("pubDate", "date_published", "first moment of that month or year", "portal:date",
                  "_portal.date_precision", "tag:"):
        assert claim in text  # and the feeds do it: test_partial_dates_keep_their_precision_and_invent_no_day


def test_the_data_api_carries_the_new_fields(deployed: Deployed) -> None:
    events = {e["id"]: e for e in json.loads((deployed.a / "api/v1/events.json").read_text(encoding="utf-8"))["items"]}
    assert (events["webinar-2020"]["attendance"], events["forum-2019"]["attendance"]) == ("online", "offline")
    orgs = {o["id"]: o for o in json.loads((deployed.a / "api/v1/organizations.json").read_text(encoding="utf-8"))
            ["items"]}
    assert orgs["smbqts"]["same_as"] == ["https://www.wikidata.org/wiki/Q4115189"] and orgs["iso"]["same_as"] == []


def test_card_titles_wrap_between_words_and_chinese_characters() -> None:
    width = 600
    lines = cards.wrap("Standards forum 上海市质量技术监督局 opens in Pudong New Area", 48, width, 3)
    assert all(cards.font(48).getlength(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == "Standardsforum上海市质量技术监督局opensinPudongNewArea"
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines)
    long = cards.wrap("word " * 60, 48, width, 2)
    assert len(long) == 2 and long[-1].endswith("…")
    assert cards.wrap("", 48, width, 2) == [""]
