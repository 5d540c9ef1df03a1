"""Load: content files → raw documents (front matter with positions + body).

Every file under the content folder is accounted for: it becomes a document,
a static asset, or a diagnostic. Nothing is skipped silently except ``.gitkeep``
(which keeps an empty folder in git): other hidden files and folders are errors,
since they would never be published.
"""

from __future__ import annotations

import difflib
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..diagnostics import Diagnostic, Report, internal_error
from ..kinds import TOPICS_FILE, Kind, by_folder
from .cache import ParseCache
from .frontmatter import Document, decode, split
from .git import added_files

PARALLEL_MIN_FILES = 2000  # below this, starting processes costs more than it saves
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YEAR_RE = re.compile(r"^\d{4}$")
KEEP_FILES = frozenset({".gitkeep"})
MAX_FOLDER_DEPTH = 32  # Python 3.11's os.walk, which MkDocs uses, recurses once per level


ASSET_FOLDERS = ("images",)


def known_folders() -> list[str]:
    """Every folder content may have, as the kinds declare them."""
    return ["news", *by_folder(), *ASSET_FOLDERS]


@dataclass(slots=True)
class Tree:
    content_dir: Path
    documents: list[Document] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)  # rel paths of static files
    files_seen: int = 0
    ids: dict[str, set[str]] = field(default_factory=dict)  # every entity id on disk, by kind
    # rel paths of the files new since the default base (load/git.py): a possible duplicate is
    # reported on the new file of the two
    added: frozenset[str] = frozenset()


def display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_tree(content_dir: Path, report: Report, only: set[str] | None = None, workers: int = 1,
              cache: ParseCache | None = None) -> Tree:
    """Read every file below ``content_dir``; ``only`` limits parsing to these rel paths.

    With ``workers`` > 1 a large tree is parsed in that many forked processes (YAML parsing is
    most of the time of `portal check` and each file is independent); order is kept. With a
    ``cache`` (generator/load/cache.py) only files whose bytes changed are parsed.
    """
    tree = Tree(content_dir)
    if not content_dir.is_dir():
        report.error(display_path(content_dir), 1, 1, "no-content", "content folder not found")
        return tree
    # Resolved once: resolving every file's path was half the time of `portal check`.
    prefix = display_path(content_dir)
    jobs: list[ParseJob] = []
    for abs_path, rel in walk_files(str(content_dir), "", prefix, report):
        tree.files_seen += 1
        classify_file(tree, jobs, abs_path, rel, f"{prefix}/{rel}", report, only)
    if cache is not None:
        results = parse_cached(jobs, cache)
    elif workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
        size = -(-len(jobs) // (workers * 4))
        chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(parse_chunk, chunks))
    else:
        results = [parse_chunk(jobs)]
    for documents, diagnostics in results:
        tree.documents.extend(documents)
        report.extend(diagnostics)
    tree.added = added_files(content_dir)
    return tree


def walk_files(folder: str, rel_dir: str, prefix: str, report: Report) -> Iterator[tuple[str, str]]:
    """Yield (path, rel) in sorted order, depth first; refuse symlinks. A stack, not recursion: a pull
    request can nest folders thousands deep (a path may be 4,096 bytes), deeper than Python recurses."""
    stack: list[Iterator[tuple[os.DirEntry[str], str]]] = [_entries(folder, rel_dir)]
    while stack:
        entry_rel = next(stack[-1], None)
        if entry_rel is None:
            stack.pop()
            continue
        entry, rel = entry_rel
        if entry.name.startswith("."):
            if entry.name not in KEEP_FILES or not entry.is_file(follow_symlinks=False):
                what = "folder" if entry.is_dir(follow_symlinks=False) else "file"
                report.error(
                    f"{prefix}/{rel}", 1, 1, "hidden-file",
                    f"hidden {what} '{entry.name}' would never be published",
                    "rename it without the leading '.', or move it out of the content folder",
                )
            continue
        if entry.is_symlink():
            report.error(
                f"{prefix}/{rel}", 1, 1, "symlink",
                "symbolic links are not allowed in the content folder",
                "replace the link with a real file",
            )
        elif entry.is_dir() and len(stack) > MAX_FOLDER_DEPTH:  # this folder would be the 33rd level
            report.error(f"{prefix}/{rel}", 1, 1, "too-deep",
                         f"folders nest more than {MAX_FOLDER_DEPTH} deep here, so nothing below is read (MkDocs's "
                         "own walk of the folder would fail on such a tree)",
                         "move the files up and remove the folders")
        elif entry.is_dir():
            stack.append(_entries(entry.path, f"{rel}/"))
        else:
            yield entry.path, rel


def _entries(folder: str, rel_dir: str) -> Iterator[tuple[os.DirEntry[str], str]]:
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        yield entry, f"{rel_dir}{entry.name}"


def classify_file(
    tree: Tree, jobs: list[ParseJob], path: str, rel: str, shown: str, report: Report, only: set[str] | None
) -> None:
    parts = rel.split("/")
    top, name = parts[0], parts[-1]
    stem, suffix = os.path.splitext(name)
    if len(parts) == 1:
        if name == TOPICS_FILE:
            _read(jobs, Kind.TOPICS, "topics", path, rel, shown, only, fenced=False)
        elif suffix == ".md":
            if _check_id(stem, shown, report, "page"):
                _read(jobs, Kind.PAGE, stem, path, rel, shown, only)
        else:
            _unexpected(shown, f"'{name}' is not a content file", report)
        return
    if top in ASSET_FOLDERS:
        if suffix.lower() in IMAGE_SUFFIXES:
            tree.assets.append(rel)  # checked as an image by validate/assets.py
        elif suffix.lower() in (".svg", ".svgz"):
            report.error(shown, 1, 1, "unexpected-file", "SVG images are not published: an SVG file is a "
                         "document that can carry scripts and links", "export it as PNG or WebP")
        else:
            _unexpected(
                shown, f"only images ({', '.join(sorted(IMAGE_SUFFIXES))}) belong in {top}/", report
            )
        return
    if top == "news":
        if len(parts) != 3 or not _YEAR_RE.match(parts[1]):
            _unexpected(
                shown, "articles belong directly in a year folder, content/news/<YYYY>/<slug>.md",
                report, code="unknown-folder",
            )
        elif suffix != ".md":
            _unexpected(shown, "only Markdown (.md) articles belong in news/", report)
        elif _check_id(stem, shown, report, "article"):
            _read(jobs, Kind.ARTICLE, f"{parts[1]}/{stem}", path, rel, shown, only)
        return
    folders = by_folder()
    kind = folders.get(top)
    if kind is None:
        known = known_folders()
        guess = difflib.get_close_matches(top, known, n=1, cutoff=0.6)
        report.error(
            shown, 1, 1, "unknown-folder",
            f"'{top}/' is not a content folder, so this file would never be published",
            f"did you mean '{guess[0]}/'?" if guess
            else f"content folders are: {', '.join(known)}",
        )
        return
    if suffix != ".md":
        _unexpected(shown, f"only Markdown (.md) files belong in {top}/", report)
    elif _check_id(stem, shown, report, kind.value):
        tree.ids.setdefault(kind.value, set()).add(stem)
        _read(jobs, kind, stem, path, rel, shown, only)


def _unexpected(shown: str, message: str, report: Report, code: str = "unexpected-file") -> None:
    report.error(shown, 1, 1, code, message, "move or remove the file")


def _check_id(stem: str, shown: str, report: Report, what: str) -> bool:
    if ID_RE.match(stem):
        return True
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "name"
    report.error(
        shown, 1, 1, "invalid-id",
        f"file name '{stem}' is not a valid {what} id: use lowercase letters, digits and single hyphens",
        f"rename the file to '{suggestion}.md'",
    )
    return False


class ParseJob(NamedTuple):
    kind: Kind
    doc_id: str
    path: str
    rel: str
    shown: str
    fenced: bool


def _read(
    jobs: list[ParseJob], kind: Kind, doc_id: str, path: str, rel: str, shown: str,
    only: set[str] | None, fenced: bool = True,
) -> None:
    if only is None or rel in only:
        jobs.append(ParseJob(kind, doc_id, path, rel, shown, fenced))


def parse_cached(jobs: list[ParseJob], cache: ParseCache) -> list[tuple[list[Document], list[Diagnostic]]]:
    """Each file's parse from the cache when its bytes are unchanged, else parsed (and kept)."""
    out, keys = [], set()
    for job in jobs:
        with open(job.path, "rb") as fh:
            key = cache.key((job.kind, job.doc_id, job.rel, job.shown, job.fenced), fh.read())
        keys.add(key)
        parsed = cache.get(key)
        if parsed is None:
            parsed = parse_chunk([job])
            cache.put(key, parsed)
        out.append(parsed)
    cache.keep_only(keys)
    cache.save()
    return out


def parse_chunk(jobs: list[ParseJob]) -> tuple[list[Document], list[Diagnostic]]:
    documents: list[Document] = []
    report = Report()
    for job in jobs:
        try:
            with open(job.path, "rb") as fh:
                text = decode(fh.read(), job.shown, report)
            if text is None:
                continue
            doc = split(job.kind, job.doc_id, job.shown, job.rel, text, report, fenced=job.fenced)
        except Exception as exc:  # a bug must not hide the other files' problems
            internal_error(report, job.shown, exc)
            continue
        if doc is not None:
            documents.append(doc)
    return documents, report.raw_items
