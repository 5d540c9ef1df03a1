"""Two builds of unchanged content give byte-identical feeds, calendars and API files (the fixture site)."""

from __future__ import annotations

from pathlib import Path

from ..fixture_site import Built

PATTERNS = ("feed.xml", "atom.xml", "feed.json", "events.ics", "api/v1/**/*.json")


def outputs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for pattern in PATTERNS for p in site.glob(f"**/{pattern}")}


def test_rebuild_is_byte_identical(fixture_site: Built, fixture_rebuild: Built) -> None:
    first, second = outputs(fixture_site.site), outputs(fixture_rebuild.site)
    assert len(first) > 20
    assert {"feed.xml", "atom.xml", "feed.json", "events.ics", "api/v1/articles.json"} <= set(first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
