"""Atomic publish: a build writes into a staging folder that replaces the site folder only at the end.

MkDocs cleans ``site_dir`` before it writes the first page, so a build that fails half-way would
otherwise leave a site with a fraction of its files. The plugin points ``site_dir`` at a sibling
staging folder in ``on_config``; when the whole build has succeeded the staging folder takes the
site folder's place, and on any failure it is deleted and the previous site stays byte for byte.

Builds of one site folder exclude each other: ``prepare`` takes an exclusive lock
(``.<site>.lock`` beside it, ``flock``: released by the kernel when the process ends, so a killed
build leaves no stale lock) and refuses a second build with a message naming the first; each build
stages in a folder of its own, and staging folders left by killed builds are removed under the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

GZIP_MAX_TIME = 2**32 - 1  # gzip headers (MkDocs's sitemap.xml.gz) hold seconds since 1970 in 32 bits


class BuildLocked(Exception):
    """Another build is writing the same site folder."""


_held: dict[Path, int] = {}  # site folder → descriptor of its lock file, while this process builds it


def _forget_in_child() -> None:
    """A forked child (the page worker, the body check's worker) gets a copy of every descriptor, and a
    flock lasts while any copy is open: the child drops its copies, or a worker that outlives the build
    would keep the next build of `mkdocs serve` out ("another build is writing", naming its parent)."""
    for fd in _held.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


def staging_prefix(site_dir: str) -> str:
    """Staging folders are hidden siblings of ``site_dir`` (same file system: the final rename is cheap)."""
    final = Path(site_dir).resolve()
    return str(final.parent / f".{final.name}.staging")


def leftovers(site_dir: str) -> list[Path]:
    """Staging folders of ``site_dir`` that exist now (none once every build has ended)."""
    prefix = Path(staging_prefix(site_dir))
    return sorted(p for p in prefix.parent.glob(prefix.name + "*") if p.is_dir())


def prepare(site_dir: str) -> str:
    """Take the site folder's lock and a fresh staging folder; raise BuildLocked if another build runs."""
    final = Path(site_dir).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    if final not in _held:  # a failed build of this process (mkdocs serve) may still hold it
        lock = final.parent / f".{final.name}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise BuildLocked(f"another build is writing {final} (process {holder}); wait for it to end "
                              "and build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held[final] = fd
    for old in leftovers(site_dir):  # left over from builds that were killed: no build runs now
        discard(str(old))
    prefix = Path(staging_prefix(site_dir))
    staging = tempfile.mkdtemp(prefix=prefix.name + "-", dir=prefix.parent)
    os.chmod(staging, 0o755)  # mkdtemp's 0700 would become site/'s: a web server must still read it
    return staging


def release(site_dir: str) -> None:
    """Give up the site folder's lock (the end of a build, whatever its outcome)."""
    fd = _held.pop(Path(site_dir).resolve(), None)
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock


def abandon(staging: str, site_dir: str) -> None:
    """A failed build: its staging folder goes, the site stays as it was, the lock is released."""
    discard(staging)
    release(site_dir)


def replace(staging: str, site_dir: str) -> None:
    """Put the finished staging folder where ``site_dir`` is; the old site is removed after."""
    final = Path(site_dir).resolve()
    old = final.parent / f".{final.name}.old"
    discard(str(old))
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    discard(str(old))
    release(site_dir)


def discard(path: str) -> None:
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


def source_date_epoch(moment: dt.datetime) -> str:
    """SOURCE_DATE_EPOCH for a moment, clamped to what a gzip header holds (dates before 1970 give 0)."""
    return str(min(max(int(moment.timestamp()), 0), GZIP_MAX_TIME))
