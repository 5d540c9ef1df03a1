"""Search records and the Pagefind index (docs/search.md).

Each page readers search for (an article, event, organization, person, place or topic) gets a
*record*: a small HTML document rendered by ``theme/portal/search/record.html`` from the page's
data and its rendered body, written to a staging folder under the page's own URL. Pagefind's
CLI then indexes that folder into ``site/pagefind/``. Listings, indexes and further pages have no
record, so they can never appear in results, and Pagefind parses a few kilobytes per page instead
of Material's whole page around it.

Records are written only when their text changed, so `mkdocs serve` re-indexes in the background
from an up-to-date folder while the preview reloads at once. This module does not import MkDocs.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..catalog.nodes import Article, Event, Node, Organization, Person, Place, Topic
from ..kinds import KINDS
from .search_repro import canonicalize


class _Indexed:
    """Page kinds with a record, as generator/kinds.py declares them (``search``), read when asked;
    everything else (listings, home, timeline, about, …) is not searchable."""

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str) and kind in KINDS and KINDS[kind].search

    def __iter__(self) -> Iterator[str]:
        return (kind for kind, declared in KINDS.items() if declared.search)


INDEXED = _Indexed()


def kind_label(kind: str) -> str:
    return kind.capitalize()  # "Organization": the facet value and the label shown with a result


KIND_LABELS = {kind: kind_label(kind) for kind in INDEXED}  # the built-in kinds
BUNDLE = "pagefind"  # folder of the index and pagefind.js in the built site

# Runs of Han characters (CJK unified ideographs and extension A, compatibility ideographs).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(slots=True)
class Record:
    """What the index holds for one page, as ``record.html`` renders it."""

    url: str  # site-relative, like "organizations/smbqts/"
    kind: str  # one of INDEXED
    title: str
    names: list[str]  # the page's own names (heading, high weight): name, short name, aliases, Chinese name
    date: str | None = None  # ISO date (partial dates stay partial), shown with the result
    date_display: str | None = None
    summary: str | None = None
    facts: list[str] = field(default_factory=list)  # short lines such as "Part of: …", normal weight
    mentions: list[str] = field(default_factory=list)  # names of linked entities, low weight
    filters: list[tuple[str, str]] = field(default_factory=list)  # (facet, value): kind, organization, topic, year

    @property
    def label(self) -> str:
        return kind_label(self.kind)

    @property
    def han_words(self) -> list[str]:
        return han_suffixes(self.names)


def han_suffixes(texts: Iterable[str]) -> list[str]:
    """Every proper suffix of every run of Chinese characters in ``texts``.

    Pagefind indexes this English site without Chinese segmentation, so 上海市质量技术监督局 is one
    word that only a prefix (上海) can find. Its suffixes are indexed as extra words, so that any
    part of the name (质量技术监督局, 监督局) is a prefix of one of them. Names are short: a name of
    n characters adds n - 1 words.
    """
    out: dict[str, None] = {}
    for text in texts:
        for run in _HAN.findall(text):
            for start in range(1, len(run)):
                out.setdefault(run[start:])
    return list(out)


def _names(node: Node) -> list[str]:
    names = [getattr(node, "name", "") or getattr(node, "title", ""), getattr(node, "short_name", None),
             *getattr(node, "aliases", []), getattr(node, "name_zh", None)]
    return list(dict.fromkeys(n for n in names if n))


def _org_label(org: Organization) -> str:
    return org.short_name or org.name


def record(kind: str, node: Node, url: str) -> Record:
    """The record of an indexed page, from its catalog node alone."""
    if isinstance(node, Article):
        return _article_record(node, url)
    if isinstance(node, Event):
        return _event_record(node, url)
    return _entity_record(kind, node, url)


def _article_record(node: Article, url: str) -> Record:
    return Record(
        url, "article", node.title, [node.title], date=node.date.iso(), date_display=node.date.display(),
        summary=node.summary,
        facts=[c.caption for c in node.images],
        mentions=[*(n for o in node.organizations for n in _names(o)), *(p.name for p in node.people),
                  *(p.name for p in node.places), *(e.title for e in node.events), *(t.name for t in node.topics)],
        filters=[("kind", KIND_LABELS["article"]), *(("organization", _org_label(o)) for o in node.organizations),
                 *(("topic", t.name) for t in node.topics), ("year", str(node.date.year))],
    )


def _event_record(node: Event, url: str) -> Record:
    when = node.date.display() + (f" – {node.end.display()}" if node.end else "")
    return Record(
        url, "event", node.title, [node.title], date=node.date.iso(), date_display=when, summary=node.summary,
        facts=[f"Place: {node.place.name}"] if node.place else [],
        mentions=[*(_org_label(o) for o in node.organizations), *(p.name for p in node.people)],
        filters=[("kind", KIND_LABELS["event"]), *(("organization", _org_label(o)) for o in node.organizations),
                 ("year", str(node.date.year))],
    )


def _entity_record(kind: str, node: Node, url: str) -> Record:
    facts: list[str] = []
    filters = [("kind", kind_label(kind))]
    if isinstance(node, Organization):
        facts += [f"Part of: {node.parent.name}"] if node.parent else []
        facts += [f"Based in: {node.place.name}"] if node.place else []
        filters.append(("organization", _org_label(node)))
    elif isinstance(node, Person):
        facts += [r.title + (f", {r.organization.name}" if r.organization else "") for r in node.roles]
        filters += [("organization", _org_label(r.organization)) for r in node.roles if r.organization]
    elif isinstance(node, Place):
        facts += [f"Part of: {node.parent.name}"] if node.parent else []
    elif isinstance(node, Topic):
        filters.append(("topic", node.name))
    summary = node.description if isinstance(node, Topic) else None
    return Record(url, kind, node.label, _names(node), summary=summary, facts=facts,
                  filters=list(dict.fromkeys(filters)))


# -- the index ---------------------------------------------------------------------------------------


def pagefind_binary() -> Path:
    """The Pagefind binary shipped in the ``pagefind[extended]`` wheel (pyproject.toml)."""
    from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

    return Path(get_executable())


@dataclass(slots=True)
class IndexRun:
    pages: int
    seconds: float
    bytes: int  # size of the written bundle


class Records:
    """The staging folder of records: ``<root>/<url>/index.html`` per indexed page.

    ``write`` leaves a file alone when its text is unchanged; ``prune`` removes the records of pages
    that no longer exist (a deleted or renamed file). ``changed`` counts the records written since
    the last index run.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.urls: set[str] = set()
        self.changed = 0
        self._lock = threading.Lock()  # guards ``changed``
        self._run_lock = threading.Lock()  # one Pagefind run at a time

    def path(self, url: str) -> Path:
        return self.root / url / "index.html"

    def write(self, url: str, html: str) -> None:
        path = self.path(url)
        self.urls.add(url)
        data = html.encode("utf-8")
        try:
            if path.read_bytes() == data:
                return
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        with self._lock:
            self.changed += 1

    def prune(self, keep: set[str]) -> int:
        """Remove every record whose page is not in ``keep``; returns how many."""
        gone = 0
        for url in self._written() - keep:
            self.path(url).unlink(missing_ok=True)
            gone += 1
        self.urls &= keep
        with self._lock:
            self.changed += gone
        return gone

    def _written(self) -> set[str]:
        """URLs with a record on disk: those this object wrote, else (a fresh object) a walk of the folder."""
        if self.urls:
            return set(self.urls)
        return {p.parent.relative_to(self.root).as_posix() + "/" for p in self.root.rglob("index.html")}

    def take_changed(self) -> int:
        """The records changed since the last call, and the count starts again from 0 (one lock: a build
        that writes records while an index run goes on keeps its count for the next run)."""
        with self._lock:
            changed, self.changed = self.changed, 0
            return changed

    def index(self, site_dir: Path, nice: int = 0) -> IndexRun:
        """Index the records into ``site_dir/pagefind`` with Pagefind's CLI (no network).

        ``nice`` lowers Pagefind's CPU priority (`mkdocs serve`: the editor's next save comes first).
        """
        with self._run_lock:
            started = time.perf_counter()
            out = site_dir / BUNDLE
            if not self._written():  # nothing searchable yet (a new site): Pagefind refuses an empty folder
                shutil.rmtree(out, ignore_errors=True)
                return IndexRun(0, time.perf_counter() - started, 0)
            tmp = self.bundle
            shutil.rmtree(tmp, ignore_errors=True)
            proc = subprocess.Popen(
                [str(pagefind_binary()), "--site", str(self.root), "--output-path", str(tmp), "--silent"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            if nice:
                with contextlib.suppress(OSError):  # already finished, or not allowed: run as it is
                    os.setpriority(os.PRIO_PROCESS, proc.pid, nice)
            output, _ = proc.communicate()
            if proc.returncode != 0:
                shutil.rmtree(tmp, ignore_errors=True)
                raise RuntimeError(f"pagefind failed ({proc.returncode}): {output}")
            # Swap the finished bundle in, so a reader never sees half an index.
            canonicalize(tmp)
            for unused in [*tmp.glob("pagefind-*ui.*"), tmp / "pagefind-highlight.js"]:
                unused.unlink(missing_ok=True)  # Pagefind's own UIs: the portal has its own (assets/search.js)
            shutil.rmtree(out, ignore_errors=True)
            shutil.move(tmp, out)
            size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            return IndexRun(len(self._written()), time.perf_counter() - started, size)

    @property
    def bundle(self) -> Path:
        return self.root.with_name(self.root.name + ".bundle")  # beside the records, not in site/

    def remove(self) -> None:
        """Delete the records and any half-written bundle (the end of a `mkdocs serve`)."""
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.bundle, ignore_errors=True)


# -- the build step ----------------------------------------------------------------------------------

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
