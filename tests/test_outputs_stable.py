"""Two builds of unchanged content give byte-identical feeds, calendars and API files."""

from __future__ import annotations

from pathlib import Path

from .outputs_site import Built, url_site

__all__ = ["url_site"]  # the fixture, imported for pytest

PATTERNS = ("feed.xml", "atom.xml", "feed.json", "events.ics", "api/v1/**/*.json")


def outputs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for pattern in PATTERNS for p in site.glob(f"**/{pattern}")}


def test_rebuild_is_byte_identical(url_site: Built) -> None:
    first, second = outputs(url_site.site), outputs(url_site.again)
    assert len(first) > 60
    assert {"feed.xml", "atom.xml", "feed.json", "events.ics", "api/v1/articles.json"} <= set(first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
