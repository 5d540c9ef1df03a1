"""The staging folder of search records and the Pagefind run that indexes it (docs/search.md).

Records (``search.py``) are written to a staging folder under each page's own URL; Pagefind's CLI
then indexes that folder into ``site/pagefind/``, parsing a few kilobytes per page instead of
Material's whole page around it. Records are written only when their text changed, so `mkdocs serve`
re-indexes in the background (``search_step.py``) from an up-to-date folder while the preview
reloads at once. This module does not import MkDocs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .search_repro import canonicalize

BUNDLE = "pagefind"  # folder of the index and pagefind.js in the built site


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
