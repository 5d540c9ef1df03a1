"""A cache of parsed content files, keyed by their bytes, in the ignored ``.cache/`` folder.

Parsing (decoding, splitting and composing the YAML of) every file is most of the time of
`portal check` and of the catalog step of every `mkdocs serve` rebuild. The result of parsing a file
depends only on its bytes, where it is (path, kind, id) and the parser's code, so it is kept under a
key of exactly those: an edited file misses and is parsed again, every other file is reused, and a
change to the parser (load/documents.py, load/yamlsafe.py, ...) empties the cache. Documents and diagnostics are
immutable once loaded (no later stage changes them), so sharing them between runs is safe.

The file is JSON (load/cachecodec.py), never pickle: a pull request can add a file under ``.cache/``
and CI may restore one, so reading it back must not be able to run code. An entry that does not
decode to exactly the expected types discards the whole file.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from . import cachecodec

log = logging.getLogger("portal")
CACHE_DIR = ".cache"
_SEP = "\x1f"  # joins a key's parts into one JSON object key (a unit separator never in a path)
FILE = "portal-parse.json"
SAVE_AFTER_S = 3.0  # a server's cache is written this long after the last save
# The code a cached document depends on, relative to the package (kinds/: documents name a Kind).
_SOURCES = ("load/documents.py", "load/frontmatter.py", "load/yamlsafe.py", "load/yamlhints.py", "load/yamldepth.py",
            "load/cache.py", "load/cachecodec.py", "load/git.py",
            "kinds", "diagnostics.py")


def _code_version() -> str:
    here = Path(__file__).parents[1]
    digest = hashlib.sha1()
    for name in _SOURCES:
        path = here / name
        for source in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


class _Counted:
    """A store's entries, with the hits and misses of its lookups (the build log and tests read them)."""

    entries: dict[Any, Any]
    hits: int
    misses: int

    def get(self, key: Any) -> Any | None:
        found = self.entries.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found


class ParseCache(_Counted):
    """{key: (document or None, diagnostics)} for one content folder, loaded once, saved on demand."""

    def __init__(self, path: Path, version: str | None = None, *, trusted: bool = True) -> None:
        self.path = path
        self.trusted = trusted  # else neither read nor written
        self.version = version or _code_version()
        self.entries: dict[tuple[Any, ...], Any] = {}
        self.hits = self.misses = 0
        self._dirty = False
        self.save_in_background = False  # a long-lived server: never make a rebuild wait for the disk
        self._timer: threading.Timer | None = None
        if not trusted:
            return
        try:
            stored = json.loads(path.read_bytes())
            if isinstance(stored, dict) and stored.get("version") == self.version:
                self.entries = {tuple(key.split(_SEP)): cachecodec.decode(value)
                                for key, value in _dict(stored.get("entries")).items()}
        except (OSError, ValueError, TypeError, RecursionError):  # any damage, forgery or old format: no cache
            self.entries = {}  # no cache yet, or one from another version of the code: start afresh

    @classmethod
    def for_content(cls, content_dir: Path) -> ParseCache:
        """The cache beside the content folder: ``<project>/.cache/portal-parse.json`` — unless git tracks
        that file (it came with the tree, not from this machine): then an empty cache that never saves."""
        path = content_dir.resolve().parent / CACHE_DIR / FILE
        return cls(path, trusted=not untrusted(path))

    @staticmethod
    def key(job: tuple[Any, ...], data: bytes) -> tuple[str, ...]:
        """``job``: what the parse depends on besides the bytes (kind, id, paths as shown). Not the
        path as the caller spelled it: `portal check` and `mkdocs serve` share one cache."""
        return (*(str(part).replace(_SEP, " ") for part in job), hashlib.blake2b(data, digest_size=16).hexdigest())

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        self.entries[key] = value
        self._dirty = True

    def keep_only(self, keys: set[tuple[Any, ...]]) -> None:
        """Forget the entries of files that are gone or changed, so the cache does not grow forever."""
        if len(keys) != len(self.entries):
            self.entries = {k: v for k, v in self.entries.items() if k in keys}
            self._dirty = True

    def save(self) -> None:
        if not self._dirty or not self.trusted:
            return
        if self.save_in_background:
            # Written once saves pause (encoding 10,000 entries took a second of the interpreter from the
            # next rebuild), and when the server stops.
            if self._timer is not None:
                self._timer.cancel()
            else:
                atexit.register(self.flush)
            self._timer = threading.Timer(SAVE_AFTER_S, self.flush)
            self._timer.daemon = True
            self._timer.start()
            return
        self._write(self.entries)
        self._dirty = False

    def flush(self) -> None:
        """Write what a background save is still waiting to write."""
        if self._timer is not None:
            self._timer.cancel()
        if self._dirty and self.trusted:
            self._dirty = False
            self._write(dict(self.entries))

    def _write(self, entries: dict[tuple[Any, ...], Any]) -> None:
        _dump(self.path, self.version, {key: cachecodec.encode(value) for key, value in entries.items()})


def untrusted(path: Path) -> bool:
    """Whether the cache file ``path`` came with the tree (git tracks it); if so, say that it is ignored."""
    from .tracked import is_tracked

    if not is_tracked(path):
        return False
    log.warning(f"portal: ignoring the cache {path.name}: git tracks it, so it came with the tree, not from this "
                f"machine (remove it from git: git rm --cached -- '{path.name}')")
    return True


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("malformed cache")
    return value


def code_version(folders: tuple[str, ...], packages: tuple[str, ...] = ()) -> str:
    """A hash of every module in these folders of the package (and of these packages' versions)."""
    import sys
    from importlib import metadata

    here = Path(__file__).parents[1]
    digest = hashlib.sha1(sys.version.encode())
    for folder in folders:
        for source in sorted((here / folder).glob("*.py")):
            digest.update(source.name.encode() + source.read_bytes())
    for package in packages:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


class Journal(_Counted):
    """{key: value} kept as a large base file plus a small file of what changed since, in JSON.

    Keys are tuples of text, values JSON data (lists, objects, text, numbers); the caller checks each value
    as it reads it back (validate/summaries.py: ``Summary.from_stored``) and treats a value of the wrong shape
    as missing. Like the parse cache it is data only — neither pickle nor marshal, which trust their input.

    After one edit, a run writes only the few new entries (rewriting the whole store would cost
    more than the check itself at 10,000 articles); the base is rewritten once the newer file
    grows past ``COMPACT_AT`` entries, dropping the entries of files that are gone. A store that
    cannot be read, or was written by other code (``version``), is ignored: everything is new.
    """

    COMPACT_AT = 500

    def __init__(self, base: Path, version: str, *, trusted: bool = True) -> None:
        self.base, self.newer, self.version = base, base.with_suffix(".new" + base.suffix), version
        self.trusted = trusted  # else neither read nor written
        self.entries: dict[tuple[str, ...], Any] = {}
        self._recent: dict[tuple[str, ...], Any] = {}  # entries of the newer file, plus this run's
        self._added = False
        for path, into in ((self.base, self.entries), (self.newer, self._recent)) if trusted else ():
            try:
                stored = json.loads(path.read_bytes())
                if isinstance(stored, dict) and stored.get("version") == self.version:
                    into.update((tuple(key.split(_SEP)), value) for key, value in _dict(stored["entries"]).items())
            except (OSError, ValueError, TypeError, KeyError, RecursionError):  # missing, damaged, foreign, old
                continue
        self.entries.update(self._recent)
        self.hits = self.misses = 0

    def put(self, key: tuple[str, ...], value: Any) -> None:
        self.entries[key] = self._recent[key] = value
        self._added = True

    def save(self, live: set[tuple[str, ...]]) -> None:
        """Write what this run added; ``live``: the keys of the files that exist now."""
        if not self._added or not self.trusted:
            return
        if len(self._recent) > self.COMPACT_AT or not self.base.exists():
            if _dump(self.base, self.version, {k: v for k, v in self.entries.items() if k in live}):
                self.newer.unlink(missing_ok=True)
                self._recent = {}
        else:
            _dump(self.newer, self.version, {k: v for k, v in self._recent.items() if k in live})
        self._added = False


def _dump(path: Path, version: str, entries: dict[tuple[str, ...], Any]) -> bool:
    """Write a store as {"version", "entries"} JSON, atomically; False if the disk refused (a read-only
    checkout still checks, just without the cache)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        stored = {"version": version, "entries": {_SEP.join(key): value for key, value in entries.items()}}
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(stored, ensure_ascii=False, separators=(",", ":")))  # C encoder (dump() is Python)
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    except OSError:
        return False  # a read-only checkout still checks, just without the cache
    return True
