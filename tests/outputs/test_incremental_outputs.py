"""Issue 16: under `mkdocs serve --dirty` only the feeds, calendars and data files whose inputs changed are written."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import icalendar

from generator.outputs import write_outputs
from generator.outputs.ids import TagIds
from generator.outputs.incremental_outputs import OutputFingerprints
from generator.pages.incremental import node_hashes
from generator.pipeline import Result, build_catalog

from ..helpers import write_tree
from ..workbench import ACME_ARTICLE as ARTICLE

SITE_URL = "https://portal.example/"
FILES = {
    "index.md": "# Home\n",
    "organizations/acme.md": "---\nname: Acme Standards\n---\n",
    "organizations/beta.md": "---\nname: Beta Standards\n---\n",
    "events/fair.md": "---\ntitle: Fair\ndate: \"2024-06-01\"\norganizations: [acme]\n---\n",
    "news/2024/acme-opens.md": ARTICLE,
    "news/2023/beta-opens.md": ARTICLE.replace("  - acme\n", "  - beta\n").replace("Acme", "Beta")
                                      .replace("2024-05-06", "2023-05-06"),
}


def _catalog(content: Path) -> Result:
    result = build_catalog(content)
    assert not result.report.has_errors, result.report.items
    return result


def _write(state: OutputFingerprints, result: Result, site: Path) -> list[str]:
    return state.write(result.catalog, site, SITE_URL, site_name="P", site_description="", ids=TagIds(),
                       hashes=node_hashes(result.catalog, result.tree), global_hash=b"code", rendered={})


def _snapshot(site: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in site.rglob("*") if p.is_file()}


def test_an_unchanged_save_writes_no_output_and_an_edit_rewrites_its_feeds(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", FILES)
    site = tmp_path / "site"
    state = OutputFingerprints()
    first = _write(state, _catalog(content), site)
    # The first preview build writes what a full build writes, byte for byte.
    full = tmp_path / "full"
    full.mkdir()
    assert sorted(first) == sorted(write_outputs(_catalog(content).catalog, full, SITE_URL, site_name="P",
                                                 ids=TagIds()))
    assert {k: v[1] for k, v in _snapshot(site).items()} == {k: v[1] for k, v in _snapshot(full).items()}
    assert {"feed.json", "organizations/acme/feed.xml", "events.ics", "api/v1/articles.json"} <= set(first)

    before = _snapshot(site)
    assert _write(state, _catalog(content), site) == []  # a save that changed nothing
    assert _snapshot(site) == before  # not even rewritten with the same bytes

    (content / "news/2024/acme-opens.md").write_text(ARTICLE.replace("its doors", "its gates"), encoding="utf-8")
    written = set(_write(state, _catalog(content), site))
    # The article's feeds (the site's and Acme's), the data API; not Beta's feed, which does not show it.
    assert {"feed.json", "feed.xml", "organizations/acme/feed.json", "organizations/acme/feed.xml",
            "api/v1/articles.json"} <= written
    assert not any(path.startswith("organizations/beta/") for path in written)
    assert "events.ics" not in written  # calendars show no article bodies
    after = _snapshot(site)
    assert after["organizations/beta/feed.xml"] == before["organizations/beta/feed.xml"]
    entry = feedparser.parse(after["organizations/acme/feed.xml"][1]).entries[0]
    assert "its gates" in entry.content[0].value
    items = json.loads(after["api/v1/articles.json"][1])["items"]
    assert sorted(item["title"] for item in items) == ["Acme opens", "Beta opens"]
    calendar = icalendar.Calendar.from_ical(after["events.ics"][1])
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Fair"]

    (content / "events/fair.md").write_text(FILES["events/fair.md"].replace("Fair", "Spring fair"), encoding="utf-8")
    written = set(_write(state, _catalog(content), site))
    assert {"events.ics", "organizations/acme/events.ics"} <= written
    calendar = icalendar.Calendar.from_ical((site / "organizations/acme/events.ics").read_bytes())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Spring fair"]


def test_an_entity_that_is_gone_takes_its_feeds_with_it(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", FILES)
    site = tmp_path / "site"
    state = OutputFingerprints()
    _write(state, _catalog(content), site)
    assert (site / "organizations/beta/feed.json").is_file()
    (content / "news/2023/beta-opens.md").unlink()
    (content / "organizations/beta.md").unlink()
    _write(state, _catalog(content), site)
    assert not (site / "organizations/beta/feed.json").exists()
    assert not (site / "organizations/beta/feed.xml").exists()
    assert (site / "organizations/acme/feed.json").is_file()


def test_a_standard_edit_rewrites_the_data_api_and_its_calendar(tmp_path: Path) -> None:
    """Every declared kind's table is in the API's fingerprint (standards were missing: a stale file)."""
    files = {**FILES, "standards/iso-9001.md": "---\ndesignation: ISO 9001\ntitle: Quality\n---\n",
             "standards/iso-14001.md": "---\ndesignation: ISO 14001\ntitle: Environment\n---\n",  # nothing lists it
             "events/fair.md": "---\ntitle: Fair\ndate: \"2024-06-01\"\norganizations: [acme]\n"
                               "standards: [ISO 9001]\n---\n"}
    content = write_tree(tmp_path / "content", files)
    site = tmp_path / "site"
    state = OutputFingerprints()
    assert "standards/iso-9001/events.ics" in _write(state, _catalog(content), site)
    (content / "standards/iso-14001.md").write_text("---\ndesignation: ISO 14001\ntitle: Environmental management\n"
                                                    "---\n", encoding="utf-8")
    written = set(_write(state, _catalog(content), site))
    assert "api/v1/standards.json" in written
    items = json.loads((site / "api/v1/standards.json").read_text(encoding="utf-8"))["items"]
    assert [item["title"] for item in items] == ["Environmental management", "Quality"]
    calendar = icalendar.Calendar.from_ical((site / "standards/iso-9001/events.ics").read_bytes())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Fair"]
