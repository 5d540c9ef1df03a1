"""Issue 16: under `mkdocs serve` Pagefind runs in the background, once saves pause, only when a record changed."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from generator.outputs import search_step
from generator.outputs.search_index import BUNDLE, Records


def _record(title: str) -> str:
    return f'<html lang="en"><body><main data-pagefind-body><h1>{title}</h1><p>{title} report</p></main></body></html>'


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.event = threading.Event()

    def __call__(self, line: str) -> None:
        self.lines.append(line)
        self.event.set()

    def next(self, timeout: float = 60) -> str:
        assert self.event.wait(timeout), self.lines
        self.event.clear()
        return self.lines[-1]


def test_the_count_of_changed_records_is_taken_once(tmp_path: Path) -> None:
    records = Records(tmp_path / "records")
    records.write("a/", _record("Alpha"))
    records.write("b/", _record("Beta"))
    records.write("a/", _record("Alpha"))  # same text: not a change
    assert records.take_changed() == 2
    assert records.take_changed() == 0  # a later build's writes start a new count
    assert records.prune({"a/"}) == 1 and not records.path("b/").exists()
    assert records.take_changed() == 1


def test_serve_indexes_after_a_pause_and_skips_runs_with_no_change(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_step, "QUIET_S", 0.3)
    site = tmp_path / "site"
    site.mkdir()
    records = Records(tmp_path / "portal-search-x")
    background = search_step._Background(records)
    log = _Log()
    records.write("a/", _record("Alpha"))
    for _ in range(3):  # three saves in quick succession: one run
        background.ask(site, log)
        time.sleep(0.05)
    assert "(1 changed records" in log.next()
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 1
    stamp = (site / BUNDLE / "pagefind-entry.json").stat().st_mtime_ns

    background.ask(site, log)  # a save that changed no record: no run
    assert not log.event.wait(1.5), log.lines
    assert (site / BUNDLE / "pagefind-entry.json").stat().st_mtime_ns == stamp

    records.write("b/", _record("Beta"))
    background.ask(site, log)
    assert "(1 changed records" in log.next()
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 2

    records.remove()  # what the server does at exit
    assert not records.root.exists() and not records.bundle.exists()


def test_a_site_with_nothing_searchable_builds_without_an_index(tmp_path: Path) -> None:
    """Pagefind refuses an empty folder; a new site with only its home page must still build."""
    from ..helpers import mkdocs_build, write_config, write_tree

    pages = {name: f"---\ntitle: {name[:-3].title()}\n---\n\nText.\n" for name in
             ("index.md", "about.md", "contribute.md")}  # the pages mkdocs.yml's nav names
    content = write_tree(tmp_path / "content", pages)
    result = mkdocs_build(write_config(tmp_path, content))
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / BUNDLE).exists()
