"""Issue 15: permanent ids. The same content built at two addresses gives the same feed item ids,
calendar UIDs and JSON-LD @ids, all RFC 4151 tag: URIs; only the links change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import extruct
import feedparser
import icalendar
import pytest

from generator.outputs import write_outputs
from generator.outputs.ids import InvalidTagId, TagIds

from ..deploy_site import ADDRESS_A, ADDRESS_B, Deployed, deployed
from ..helpers import load_mkdocs_config, mkdocs_build, walk, write_config, write_tree

__all__ = ["deployed"]  # the fixture, imported for pytest

# RFC 4151: "tag:" taggingEntity ":" specific, taggingEntity = authorityName "," date.
TAG_URI = re.compile(r"^tag:([a-z0-9-]+(\.[a-z0-9-]+)*|[^@\s]+@[a-z0-9.-]+),\d{4}(-\d{2}(-\d{2})?)?:"
                     r"[\w.~!$&'()*+,;=:@/?%-]+$")


def feed_ids(site: Path) -> dict[str, list[str]]:
    """Every id and link in every RSS, Atom and JSON feed of the site, by file."""
    out: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.xml")):
        if path.name in ("feed.xml", "atom.xml"):
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, path
            key = path.relative_to(site).as_posix()
            out[key] = [e.id for e in parsed.entries] + ([parsed.feed.id] if "id" in parsed.feed else [])
            out[key + " links"] = [e.link for e in parsed.entries]
    for path in sorted(site.rglob("feed.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        key = path.relative_to(site).as_posix()
        out[key] = [item["id"] for item in data["items"]]
        out[key + " links"] = [item["url"] for item in data["items"]]
    return out


def calendar_uids(site: Path) -> dict[str, list[str]]:
    return {p.relative_to(site).as_posix(): [str(e["UID"]) for e in icalendar.Calendar.from_ical(p.read_bytes())
                                             .walk("VEVENT")] for p in sorted(site.rglob("*.ics"))}


def jsonld_ids(site: Path) -> dict[str, set[str]]:
    out = {}
    for page in sorted(site.rglob("index.html")):
        if page.parent.name == "search":
            continue
        [data] = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
        out[page.relative_to(site).as_posix()] = {n["@id"] for n in walk(data) if "@id" in n}
    return out



def test_ids_are_the_same_at_two_addresses_and_links_are_not(deployed: Deployed) -> None:
    a, b = feed_ids(deployed.a), feed_ids(deployed.b)
    assert a.keys() == b.keys() and "feed.xml" in a and "atom.xml" in a and "feed.json" in a
    assert "organizations/smbqts/feed.xml" in a  # entity feeds too
    for key in a:
        if key.endswith(" links"):
            assert a[key] and all(link.startswith(ADDRESS_A) for link in a[key]), key
            assert all(link.startswith(ADDRESS_B) for link in b[key]), key
        else:
            assert a[key] == b[key], key
            assert a[key] and all(TAG_URI.match(i) for i in a[key]), (key, a[key])
    uids_a, uids_b = calendar_uids(deployed.a), calendar_uids(deployed.b)
    assert uids_a == uids_b and uids_a["events.ics"]
    assert all(TAG_URI.match(uid) for uids in uids_a.values() for uid in uids)
    ld_a, ld_b = jsonld_ids(deployed.a), jsonld_ids(deployed.b)
    assert ld_a == ld_b and len(ld_a) > 20
    assert all(TAG_URI.match(i) for ids in ld_a.values() for i in ids)
    # The preview build (no address) names everything the same way.
    assert calendar_uids(deployed.preview) == uids_a and jsonld_ids(deployed.preview) == ld_a


def test_an_item_has_one_id_in_every_output(deployed: Deployed) -> None:
    """The forum article is the same item to a feed reader, a calendar app and a search engine."""
    article = TagIds().of("article/2019/forum-opens")
    event = TagIds().of("event/forum-2019")
    assert article in feed_ids(deployed.a)["feed.xml"] and article in feed_ids(deployed.a)["feed.json"]
    assert article in jsonld_ids(deployed.a)["news/2019/forum-opens/index.html"]
    assert event in calendar_uids(deployed.a)["events.ics"]
    assert event in jsonld_ids(deployed.a)["events/forum-2019/index.html"]


def test_configured_authority_and_date_make_the_ids(deployed: Deployed, tmp_path: Path) -> None:
    ids = TagIds("news.example.org", "2024-01")
    written = write_outputs(deployed.catalog, tmp_path, ADDRESS_A, ids=ids)
    assert "feed.json" in written
    data = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    assert {item["id"] for item in data["items"]} == {f"tag:news.example.org,2024-01:article/{a.id}"
                                                     for a in deployed.catalog.article_list}


@pytest.mark.parametrize(("authority", "date"), [("not a domain", "2017"), ("example.org", "17"),
                                                  ("example.org", "2017-13")])
def test_invalid_authority_or_date_is_refused(authority: str, date: str) -> None:
    with pytest.raises(InvalidTagId):
        TagIds(authority, date)


def test_a_bad_id_authority_stops_the_build_with_a_clear_message(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"index.md": "# Home\n", "about.md": "# About\n",
                                                "contribute.md": "# Contribute\n"})
    plugins = [{"portal": {"id_authority": "news example org"}} if "portal" in p else p
               for p in load_mkdocs_config()["plugins"]]
    done = mkdocs_build(write_config(tmp_path, content, plugins=plugins))
    assert done.returncode != 0
    assert "id_authority 'news example org' is not a domain name" in done.stderr
    assert "Traceback" not in done.stderr
