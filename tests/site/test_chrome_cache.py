"""Issue 16: Material's nav and tabs rendered once per folder (generator/plugin/chrome.py) give the very bytes
Material's own includes give, on every page of the fixture site."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.plugin import chrome, workers

from ..fixture_site import write_fixture_content
from ..helpers import write_config


def _site(project: Path, cached: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setattr(chrome, "ENABLED", cached)
    monkeypatch.setattr(workers, "ENABLED", False)  # one process, so the cache's hits are counted here
    write_fixture_content(project / "content")
    build(load_config(str(write_config(project, project / "content", site_url="https://portal.example/"))))
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_cached_nav_and_tabs_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str | None]] = []
    real = chrome.ChromeCache.include

    def include(self: chrome.ChromeCache, context: object, name: str) -> object:
        calls.append((name, self.key(context.get("page"))))  # type: ignore[attr-defined]
        return real(self, context, name)  # type: ignore[arg-type]

    monkeypatch.setattr(chrome.ChromeCache, "include", include)
    uncached = _site(tmp_path / "material", False, monkeypatch)
    cached = _site(tmp_path / "cached", True, monkeypatch)
    assert uncached.keys() == cached.keys()
    assert [p for p in uncached if uncached[p] != cached[p]] == []
    # The cache was used: most pages' partials came from a folder rendered before.
    keyed = [c for c in calls if c[1] is not None]
    assert len(keyed) > len(calls) // 4 and len(set(keyed)) < len(keyed) // 2
    assert ("partials/nav.html", None) in calls  # nav pages are rendered as Material does
