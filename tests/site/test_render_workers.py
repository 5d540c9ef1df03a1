"""Issue 16: a full build renders pages in a forked worker too (generator/plugin/workers.py): the same bytes as
one process, and a worker's failure is a build error naming what failed, never a hang."""

from __future__ import annotations

import logging
import os
import tempfile
import types
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.outputs import publish
from generator.plugin import workers

from ..fixture_site import write_fixture_content
from ..helpers import write_config


def _site(project: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool) -> dict[str, bytes]:
    monkeypatch.setattr(workers, "ENABLED", enabled)
    monkeypatch.setattr(workers, "WORKERS_FROM", 1)  # the fixture is small; any size forks
    if not (project / "content").exists():
        write_fixture_content(project / "content")
    build(load_config(str(write_config(project, project / "content", site_url="https://portal.example/"))))
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_with_a_worker_is_byte_identical_to_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    one = _site(tmp_path / "one", monkeypatch, enabled=False)
    started: list[workers.Worker] = []
    real = workers.start

    def start(*args: object, **kwargs: object) -> workers.Worker:
        started.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(workers, "start", start)
    with caplog.at_level(logging.INFO):
        two = _site(tmp_path / "two", monkeypatch, enabled=True)
    assert len(started) == 1 and len(started[0].uris) > 10  # the worker rendered half the pages
    assert one.keys() == two.keys()
    assert [p for p in one if one[p] != two[p]] == []
    assert "Page skipped" not in caplog.text  # the parent's empty copies of the worker's pages are not reported
    rendered = [r.getMessage() for r in caplog.records if "page templates in" in r.getMessage()]
    pages = sum(1 for p in two if p.endswith("index.html"))
    assert rendered and int(rendered[-1].split()[2]) > pages // 2  # both processes' pages are counted


def _failing(exit_code: int | None) -> types.SimpleNamespace:
    def build_page(page: object, *args: object) -> None:
        if exit_code is not None:
            os._exit(exit_code)  # the worker dies without a word
        raise RuntimeError("a template failed in the worker")
    return types.SimpleNamespace(_build_page=build_page)


@pytest.mark.parametrize(("exit_code", "expected"), [
    (None, "RuntimeError: a template failed in the worker"),
    (3, "ended without a result (exit status 3)"),
])
def test_a_failing_worker_fails_the_build_with_a_diagnostic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        exit_code: int | None, expected: str) -> None:
    monkeypatch.setattr(workers, "mkdocs_build", _failing(exit_code))  # only the worker renders through it
    scratch = tmp_path / "tmp"  # where the build stages its search records and Pagefind's bundle
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(Abort):
        _site(tmp_path, monkeypatch, enabled=True)
    assert expected in caplog.text
    assert list(scratch.iterdir()) == []  # the failed build's Pagefind run ended and its folders went
    assert not (tmp_path / "site").exists()  # nothing published
    assert publish.leftovers(str(tmp_path / "site")) == []
