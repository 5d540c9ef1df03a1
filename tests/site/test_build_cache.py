"""Issue 16: a full build may reuse the cache folder when asked (CI: PORTAL_BUILD_CACHE=true), and the
cached build is the uncached one, byte for byte."""

from __future__ import annotations

from pathlib import Path

from ..fixture_site import write_fixture_content
from ..helpers import mkdocs_build, write_config

PARSE_CACHE = ".cache/portal-parse.json"  # beside the content folder (generator/load/cache.py)
CARDS = ".cache/portal/cards"  # beside mkdocs.yml (the plugin's cache_dir)


def _build(project: Path, cached: bool) -> dict[str, bytes]:
    content = project / "content"
    config = write_config(project, content, site_url="https://portal.example/",
                          plugins=[{"portal": {"build_cache": cached}}])
    result = mkdocs_build(config)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_cached_and_uncached_builds_are_identical(tmp_path: Path) -> None:
    plain, cached = tmp_path / "plain", tmp_path / "cached"
    write_fixture_content(plain / "content")
    write_fixture_content(cached / "content")

    uncached = _build(plain, cached=False)
    assert not (plain / PARSE_CACHE).exists()  # not asked: a build leaves no parse cache

    cold = _build(cached, cached=True)
    cache = cached / PARSE_CACHE
    assert cache.is_file() and any((cached / CARDS).glob("*.png"))
    stamp = cache.stat().st_mtime_ns
    warm = _build(cached, cached=True)
    assert cache.stat().st_mtime_ns == stamp  # every file's parse came from the cache (a miss rewrites it)

    assert uncached.keys() == cold.keys() == warm.keys()
    assert [p for p in uncached if not uncached[p] == cold[p] == warm[p]] == []
