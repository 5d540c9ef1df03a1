"""A full build renders pages in two processes: a forked worker takes every other page.

After MkDocs has read and converted every page (``_populate_page``: Markdown, our sanitizer, the
article bodies feeds need), ``on_env`` forks one worker. It renders its half of the portal's pages
completely with MkDocs's own ``_build_page`` (Material's ``base.html`` around our page templates) and
writes them into the staging folder, while the parent renders the other half in MkDocs's loop. The
parent's copies of the worker's pages get an empty template, so MkDocs writes nothing for them.

The worker hands back what the parent needs afterwards: its log records (re-logged by the parent, so
warnings count under ``--strict``), its page count, template time and peak memory, or
the error that stopped it, which becomes a build error. A worker that dies without a word is an error
too, never a hang. Output is byte-identical to a one-process build (tests/site/test_render_workers.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.plugins.portal")
EMPTY = "portal-rendered-elsewhere.html"  # the empty template of the worker's pages in the parent
WORKERS_FROM = 400  # pages: below this a fork costs more than it saves
ENABLED = True  # tests turn it off to compare with a one-process build


@dataclass
class Progress:
    """Pages rendered so far and the time in the portal's own templates (logged for benchmarks/run.py)."""

    started: float = 0.0
    done: int = 0
    template_s: float = 0.0
    worker_peak_mb: float | None = None  # the page worker's peak RSS, if one ran

    def log_memory(self) -> None:
        """Peak RSS of this process, of the page worker and of the largest child (Pagefind, card drawers)."""
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        worker = f", page worker {self.worker_peak_mb:.0f} MB" if self.worker_peak_mb is not None else ""
        log.info(f"portal: peak memory: build {own:.0f} MB{worker}, largest child process {children:.0f} MB")

    def tick(self, total: int, every: float) -> None:
        self.done += 1
        step = max(1, int(total * every))
        if total >= 500 and self.done % step == 0:
            rate = self.done / max(time.perf_counter() - self.started, 1e-9)
            log.info(f"portal: rendered {self.done}/{total} pages ({rate:.0f} pages/s)")


@dataclass
class Outcome:
    """What the worker sends back."""

    records: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    done: int = 0
    template_s: float = 0.0
    peak_mb: float = 0.0
    error: str | None = None

    @classmethod
    def of(cls, progress: Progress) -> Outcome:
        """The worker's progress (called in the worker). Search records were written before it started."""
        return cls(done=progress.done, template_s=progress.template_s,
                   peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    @classmethod
    def loads(cls, data: bytes) -> Outcome:
        """From the worker's JSON (data only, like every store of the portal: no pickle)."""
        fields = json.loads(data)
        records = [(str(name), int(level), str(message)) for name, level, message in fields.pop("records")]
        return cls(records=records, **fields)

    def merge_into(self, progress: Progress) -> None:
        """The parent counts the worker's pages as its own."""
        progress.done += self.done
        progress.template_s += self.template_s
        progress.worker_peak_mb = self.peak_mb


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def add_empty_template(env: jinja2.Environment) -> None:
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({EMPTY: ""}), *([env.loader] if env.loader else [])])


def wanted(serve: bool, pages: int) -> bool:
    return ENABLED and not serve and pages >= WORKERS_FROM and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class Worker:
    """One forked worker rendering ``files`` (call ``collect`` after MkDocs's own page loop)."""

    def __init__(self, files: list[File], all_files: Files, config: MkDocsConfig, nav: Navigation,
                 env: jinja2.Environment, report: Callable[[], Outcome]) -> None:
        self.uris = {f.src_uri for f in files}
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker
            os.close(read)
            _work(write, files, all_files, config, nav, env, report)
        os.close(write)
        self._data = b""
        self._reader = threading.Thread(target=self._read, args=(read,), name="portal-worker-reader", daemon=True)
        self._reader.start()
        for file in files:  # MkDocs's loop in this process writes nothing for them
            assert file.page is not None
            file.page.meta["template"] = EMPTY
        self._filter = skipped_page_log(self.uris)
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def stop(self) -> None:
        """The build failed elsewhere: end the worker now."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as fh:
            self._data = fh.read()

    def collect(self) -> Outcome:
        self._reader.join()
        _, status = os.waitpid(self.pid, 0)
        logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
        try:
            outcome = Outcome.loads(self._data)
        except (ValueError, TypeError, KeyError) as exc:
            raise PluginError(f"portal: the page-rendering worker ended without a result "
                              f"(exit status {os.waitstatus_to_exitcode(status)}): {exc}") from None
        for name, level, message in outcome.records:
            logging.getLogger(name).log(level, message)
        if outcome.error is not None:
            raise PluginError(f"portal: rendering pages in the worker process failed:\n{outcome.error}")
        return outcome


def _work(fd: int, files: list[File], all_files: Files, config: MkDocsConfig, nav: Navigation,
          env: jinja2.Environment, report: Callable[[], Outcome]) -> None:
    """The worker's whole life: render, send the outcome, exit without running the parent's clean-up."""
    code = 0
    try:
        capture = _Capture()
        logger = logging.getLogger("mkdocs")
        logger.handlers = [capture]
        logger.propagate = False
        outcome = Outcome()
        try:
            doc_files = all_files.documentation_pages(inclusion=InclusionLevel.is_included)
            for file in files:
                assert file.page is not None
                mkdocs_build._build_page(file.page, config, doc_files, nav, env)
            outcome = report()
        except BaseException:
            outcome.error = traceback.format_exc()
        outcome.records = capture.records
        with os.fdopen(fd, "wb") as fh:
            fh.write(json.dumps(dataclasses.asdict(outcome)).encode("utf-8"))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def skipped_page_log(uris: set[str]) -> Callable[[logging.LogRecord], bool]:
    """A filter dropping MkDocs's "Page skipped … empty output" for the pages a worker rendered."""
    def keep(record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in uris)
    return keep



def start(env: jinja2.Environment, files: Files, config: MkDocsConfig, nav: Navigation | None, ours: set[str],
          report: Callable[[], Outcome]) -> Worker:
    """Fork the worker on every other of our pages (alternating, so both halves mix listings and articles)."""
    assert nav is not None
    add_empty_template(env)
    pages = [f for f in files.documentation_pages(inclusion=InclusionLevel.is_included) if f.src_uri in ours]
    return Worker(pages[1::2], files, config, nav, env, report)
