"""The search build step: records collected during a build, indexed when the pages are written.

A plain build indexes in a thread while the plugin writes the other outputs; `mkdocs serve` keeps one
staging folder and one background indexer per content folder (docs/search.md). This module does not
import MkDocs.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..catalog.nodes import Node
from .search import INDEXED, record
from .search_index import BUNDLE, Records

QUIET_S = 2.0  # `mkdocs serve` re-indexes once saves have paused this long
NICE = 10  # and at this lower CPU priority


class _Background:
    """The one background indexer of a `mkdocs serve` process, per content folder.

    Each finished build asks for a run; the thread waits until no build has asked for ``QUIET_S``,
    then runs Pagefind if any record changed since the last run. Saves in quick succession thus
    cost one run, and a save while Pagefind runs is picked up by the next. At exit the staging
    folders are deleted.
    """

    def __init__(self, records: Records) -> None:
        self.records = records
        self._wake = threading.Condition()
        self._asked = 0.0  # time.monotonic() of the last request; 0: none pending
        self._target: Path | None = None
        self._log: Callable[[str], None] = print
        threading.Thread(target=self._loop, name="portal-search-index", daemon=True).start()
        atexit.register(records.remove)

    def ask(self, site_dir: Path, log: Callable[[str], None]) -> None:
        with self._wake:
            self._asked, self._target, self._log = time.monotonic(), site_dir, log
            self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._asked or time.monotonic() - self._asked < QUIET_S:
                    self._wake.wait(timeout=QUIET_S if self._asked else None)
                target, log, self._asked = self._target, self._log, 0.0
            assert target is not None
            self._run(target, log)

    def _run(self, target: Path, log: Callable[[str], None]) -> None:
        changed = self.records.take_changed()
        if not changed and (target / BUNDLE).is_dir():
            return  # nothing new to index (a save that changed no searchable page)
        try:
            run = self.records.index(target, nice=NICE)
        except (OSError, RuntimeError) as exc:  # the preview still works without search
            with self.records._lock:
                self.records.changed += changed  # try again after the next save
            log(f"portal: search index not refreshed: {exc}")
            return
        log(f"portal: search index refreshed in the background ({changed} changed records, {run.seconds:.2f} s)")


_SERVE: dict[str, _Background] = {}  # per content folder: `mkdocs serve` makes a new plugin per rebuild


class SearchStep:
    """Collects the records of one build and indexes them when the pages are written.

    A plain build stages records in a temporary folder and indexes them in a thread while the
    plugin writes the other outputs (``start``, then ``wait``). Under `mkdocs serve` the staging
    folder lives as long as the server, only changed records are rewritten, and indexing runs in
    the background once saves pause: the preview reloads without waiting.
    """

    def __init__(self, env: jinja2.Environment, content_dir: str, serve: bool) -> None:
        self.template = env.get_template("portal/search/record.html")
        self.serve = serve
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._background: _Background | None = None
        if serve:
            if content_dir not in _SERVE:
                _SERVE[content_dir] = _Background(Records(Path(tempfile.mkdtemp(prefix="portal-search-"))))
            self._background = _SERVE[content_dir]
            self.records = self._background.records
        else:
            self._tmp = tempfile.TemporaryDirectory(prefix="portal-search-")
            self.records = Records(Path(self._tmp.name))
        self.seen: set[str] = set()

    def add(self, kind: str, node: Node, url: str, body_html: str) -> None:
        if kind not in INDEXED:
            return
        html = self.template.render(record=record(kind, node, url), body=Markup(body_html))
        self.records.write(url, html)
        self.seen.add(url)

    def start(self, site_dir: Path, log: Callable[[str], None], keep: set[str] | None = None) -> None:
        """Index the records; ``keep`` names every page that has one (a dirty build adds only some)."""
        self.records.prune(self.seen if keep is None else keep)
        if self._background is not None:
            self._background.ask(site_dir, log)
            return

        def work() -> None:
            try:
                run = self.records.index(site_dir)
                log(f"portal: indexed {run.pages} pages for search in {run.seconds:.2f} s ({run.bytes // 1024} KB)")
            except BaseException as exc:  # handed to wait(), in the build's thread
                self._error = exc

        self._thread = threading.Thread(target=work, name="portal-search-index")
        self._thread.start()

    def wait(self) -> None:
        """Wait for a build's index run (``start``); raises what it raised. Nothing to wait for in `serve`."""
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        assert self._tmp is not None
        self._tmp.cleanup()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """The build failed: wait for a running index run, ignore its outcome, delete the staging folders."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._tmp is not None:
            self._tmp.cleanup()
            shutil.rmtree(self.records.bundle, ignore_errors=True)

    def finish(self, site_dir: Path, log: Callable[[str], None], keep: set[str] | None = None) -> None:
        """``start`` and ``wait``."""
        self.start(site_dir, log, keep)
        self.wait()
