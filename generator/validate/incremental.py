"""Checking in proportion to a change: one summary per file, cached, and the checks that span files run
over small indexes built from the summaries (`portal check --changed`, generator/cli/changed.py).

A file's summary holds what depends on its bytes alone: the diagnostics of loading it and of
``entries.validate_file`` (characters, model, empty body, duplicate entries, reserved names), the
references it makes, the names it goes by (as ``duplicates`` compares them) and, when valid, the few
model values other files' checks read (names for hints, parent, draft). Summaries are kept in
``.cache/portal-check.pickle`` under the file's bytes, place and the code of every stage they come
from, so an unchanged file is neither parsed nor validated again and pydantic is imported only when a
file needs its model checked.

``check_files`` then gives, for the chosen files, exactly the diagnostics a full check gives them:
references against the set of valid (kind, id) with the same hints, parent loops and unreferenced
entities over the whole index, possible duplicates against every file sharing a name with them, and
the body and placeholder checks on the chosen files only.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from types import SimpleNamespace
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Report, Severity
from ..kinds import FOLDER_OF, Kind
from ..load import documents as loading
from ..load.cache import CACHE_DIR, Journal, code_version
from ..load.frontmatter import Document
from . import duplicates
from .names import NAME_FIELDS, distinct_keys, namings
from .references import _References, cycle_error, walk_references, warn_unreferenced
from .targets import GENERATED_PAGES, Targets
from .valid import Entry, Valid, parent_loops

FILE = "portal-check.marshal"
# Summaries come from load/ and validate/ (and the shared modules they use); pydantic words the errors.
_CODE = ("", "load", "validate")
_PACKAGES = ("pydantic", "pydantic-core", "PyYAML")

_KIND_WORD = {Kind.ORGANIZATION: "organization", Kind.PERSON: "person", Kind.PLACE: "place", Kind.EVENT: "event"}


class Summary(NamedTuple):
    """What the checks of other files need to know about one file, and its own diagnostics.

    A tuple: 13,704 of them unpickle in a fraction of the time dataclasses take.
    """

    kind: Kind
    ident: str
    path: str  # as shown in diagnostics
    rel: str
    parsed: bool  # loading gave a document
    diagnostics: tuple[tuple[Any, ...], ...]  # Diagnostic's fields (see ``diagnosed``)
    valid: bool  # the front matter passed its model (topics.yml: always; see ``names``)
    refs: tuple[tuple[str, str], ...] = ()  # (kind, id) of every reference written as text
    # Valid entity or topic id → the name fields of its model (for hints); never mutated.
    names: dict[str, dict[str, Any]] = {}  # noqa: RUF012
    parent: str | None = None
    draft: bool = False
    name_keys: frozenset[tuple[str, str]] = frozenset()  # (kind, key) as duplicates.check compares them
    body_check: bool = False  # the body check has something to look at (markup, or nesting too deep)

    def stored(self) -> tuple[Any, ...]:
        """As built-in types only, for the marshal store; ids interned, so marshal writes each once."""
        refs = tuple((intern(what), intern(ref)) for what, ref in self.refs)
        return (self.kind.value, *self[1:7], refs, *self[8:])

    @classmethod
    def from_stored(cls, item: tuple[Any, ...]) -> Summary:
        return cls(_KIND_OF[item[0]], *item[1:])

    @property
    def diagnosed(self) -> list[Diagnostic]:
        return [_diag(d) for d in self.diagnostics]


_KIND_OF = {k.value: k for k in Kind}


def _diag_tuple(d: Diagnostic) -> tuple[Any, ...]:
    return (d.path, d.line, d.col, d.severity.value, d.code, d.message, d.hint)


def _diag(item: tuple[Any, ...]) -> Diagnostic:
    return Diagnostic(*item[:3], Severity(item[3]), *item[4:])


def summarize(doc: Document | None, loaded: list[Diagnostic], job: Any) -> Summary:
    """Parse result → summary; validates the document (the only place pydantic is needed)."""
    from .entries import reserved_page, validate_file  # imports pydantic: only for a file not in the cache

    if doc is None:
        return Summary(job.kind, job.doc_id, job.shown, job.rel, False, tuple(map(_diag_tuple, loaded)), False)
    report = Report()
    report.extend(loaded)
    meta = validate_file(doc, report)
    names: dict[str, dict[str, Any]] = {}
    parent, draft = None, False
    if doc.kind is Kind.TOPICS:
        names = {key: {"name": e.meta.name} for key, e in meta.items()}
    elif meta is not None:
        if doc.kind is Kind.PAGE:
            reserved_page(doc, report)
        if doc.kind in _KIND_WORD:  # what others refer to
            names[doc.id] = {key: getattr(meta, key, None) for key in NAME_FIELDS[_KIND_WORD[doc.kind]]}
        parent = getattr(meta, "parent", None)
        draft = bool(getattr(meta, "draft", False))
    refs = tuple((what, ref) for _, ref, what in walk_references(doc) if isinstance(ref, str))
    keys = frozenset(_name_keys(doc))
    valid = meta is not None or doc.kind is Kind.TOPICS
    return Summary(doc.kind, doc.id, doc.path, doc.rel, True, tuple(map(_diag_tuple, report.raw_items)), valid,
                   refs, names,
                   parent, draft, keys, _body_check(doc))


def _body_check(doc: Document) -> bool:
    """Whether bodies.check can find anything in this body (it renders only bodies with markup): when no
    affected file needs it, `check --changed` does not even import Python-Markdown and the sanitizer."""
    from .. import markdown as mdconfig
    from .bodies import _MARKUP

    return doc.kind is not Kind.TOPICS and (mdconfig.too_deep(doc.body) is not None or bool(_MARKUP.search(doc.body)))


def _name_keys(doc: Document) -> Iterable[tuple[str, str]]:
    """The keys duplicates.check files an entity under (events: title and date together)."""
    for kind, _, ident, data, _ in duplicates._entities([doc]):
        when = data.get("date") if kind == "event" and isinstance(data, dict) else None
        for key, naming in distinct_keys(namings(kind, ident, data)):
            yield kind, (f"{key}@{when}" if kind == "event" and naming.field != "id" else key)


@dataclass(slots=True)
class Files:
    """Every content file of a tree, summarized, in the order a full check visits them."""

    tree: loading.Tree  # documents stay empty: only the chosen files are parsed again
    summaries: list[Summary]
    jobs: list[Any]
    walked: list[Diagnostic]  # files the walk refused (hidden, misplaced, bad names)
    cache: Journal | None = None

    def parse(self, indexes: Iterable[int]) -> dict[int, Document]:
        out = {}
        for i in indexes:
            docs, _ = loading._parse_chunk([self.jobs[i]])
            if docs:
                out[i] = docs[0]
        return out


def cache_for(content: Path) -> Journal:
    return Journal(content.resolve().parent / CACHE_DIR / FILE, code_version(_CODE, _PACKAGES))


def blob_id(data: bytes) -> bytes:
    """The id git gives a file of these bytes (``git hash-object``), so a caller that knows the ids of
    unchanged files from ``git ls-files -s`` need not read them."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).digest()


def summarize_tree(content: Path, cache: Journal | None, blobs: dict[str, bytes] | None = None) -> Files:
    """Walk ``content`` and summarize each file, from ``cache`` when its bytes are unchanged.

    ``blobs``: rel path → git blob id of files known to be unchanged on disk; others are read.
    """
    walk = Report()
    tree = loading.Tree(content)
    jobs: list[Any] = []
    prefix = loading.display_path(content)
    for abs_path, rel in loading._walk(str(content), "", prefix, walk):
        tree.files_seen += 1
        loading._classify(tree, jobs, abs_path, rel, f"{prefix}/{rel}", walk, None)
    summaries, live = [], set()
    for job in jobs:
        digest = blobs.get(job.rel) if blobs else None
        if digest is None:
            try:
                with open(job.path, "rb") as fh:
                    digest = blob_id(fh.read())
            except OSError:
                digest = b""
        key = (job.kind.value, job.doc_id, job.rel, job.shown, job.fenced, digest)
        live.add(key)
        stored = cache.get(key) if cache is not None else None
        if stored is None:
            docs, loaded = loading._parse_chunk([job])
            found = summarize(docs[0] if docs else None, loaded, job)
            if cache is not None:
                cache.put(key, found.stored())
        else:
            found = Summary.from_stored(stored)
        summaries.append(found)
    if cache is not None:
        cache.save(live)
    return Files(tree, summaries, jobs, walk.raw_items, cache)


def counts(files: Files) -> dict[str, int]:
    """What the catalog would hold, by kind (the summary line of `portal check`)."""
    n: Counter[str] = Counter()
    for s in files.summaries:
        if s.kind is Kind.TOPICS:
            n["topics"] += len(s.names)
        elif s.valid and not (s.kind is Kind.ARTICLE and s.draft):
            n[f"{FOLDER_OF.get(s.kind) or s.kind.value + 's'}"] += 1
    return {k: n[k] for k in ("articles", "events", "organizations", "people", "places", "topics", "pages")}


def _standins(files: Files) -> dict[str, dict[str, Entry]]:
    """Per kind referred to: valid id → an entry whose meta holds the name fields (for hints)."""
    tables: dict[str, dict[str, Entry]] = {w: {} for w in ("organization", "person", "place", "event", "topic")}
    for s in files.summaries:
        if s.valid and (s.kind in _KIND_WORD or s.kind is Kind.TOPICS):
            table = tables["topic" if s.kind is Kind.TOPICS else _KIND_WORD[s.kind]]
            for ident, fields in s.names.items():
                table.setdefault(ident, Entry(None, SimpleNamespace(parent=s.parent, **fields)))  # type: ignore[arg-type]
    return tables


def check_files(files: Files, keep: set[str]) -> Report:
    """The diagnostics a full check reports about the files shown as ``keep`` (and no others)."""
    chosen = [i for i, s in enumerate(files.summaries) if s.path in keep]
    docs = files.parse(chosen)
    report = Report()
    report.extend(d for d in files.walked if d.path in keep)
    for i in chosen:
        report.extend(files.summaries[i].diagnosed)
    tables = _standins(files)
    refs = _References(tables, files.tree.ids, report)
    for doc in docs.values():
        for path, ref, what in walk_references(doc):
            refs.check(doc, path, ref, what)
    _across_files(files, docs, tables, refs, report)
    _duplicates(files, chosen, report)
    tree = loading.Tree(files.tree.content_dir, documents=list(docs.values()), assets=files.tree.assets)
    if any("TODO" in d.front.text or "TODO" in d.body for d in tree.documents):
        from . import placeholders  # imports the models (for the field descriptions): only when needed

        report = placeholders.apply(tree, report)
    if any(files.summaries[i].body_check for i in docs):
        from . import bodies  # Python-Markdown, the sanitizer and html5lib: only when a body needs them

        bodies.check(tree.documents, _targets(files), report)
    return report


def _across_files(files: Files, docs: dict[int, Document], tables: dict[str, dict[str, Entry]],
                  refs: _References, report: Report) -> None:
    from .raw_fields import check_raw_fields

    assets = Valid(assets=set(files.tree.assets))
    for doc in docs.values():
        if isinstance(doc.front.data, dict):
            check_raw_fields(doc, doc.front.data, assets, report)
    by_path = {doc.path: doc for doc in docs.values()}
    for what in ("organization", "place"):
        table = tables[what]
        paths = {s.ident: s.path for s in files.summaries if s.valid and _KIND_WORD.get(s.kind) == what}
        for loop in parent_loops(table):
            first = by_path.get(paths[loop[0]])
            if first is not None:
                cycle_error(first, loop, what, report)
    # Unreferenced: the references of every file to the chosen entities counted (none: an edited article).
    wanted = {("topic" if s.kind is Kind.TOPICS else _KIND_WORD[s.kind], ident)
              for s in (files.summaries[i] for i in docs) if s.valid and (s.kind in _KIND_WORD or s.kind is Kind.TOPICS)
              for ident in s.names}
    refs.counts, refs.covered = Counter(), set()
    for s in files.summaries if wanted else ():
        for ref in s.refs:
            if ref in wanted:
                refs.counts[ref] += 1
                if ref[0] == "event" and s.kind is Kind.ARTICLE:
                    refs.covered.add(ref[1])
    valid = Valid()
    for i, doc in docs.items():
        s = files.summaries[i]
        if s.valid and s.kind in _KIND_WORD:
            valid.table(s.kind)[s.ident] = Entry(doc, tables[_KIND_WORD[s.kind]][s.ident].meta)
        elif s.kind is Kind.TOPICS:
            valid.topics.update((key, Entry(doc, tables["topic"][key].meta)) for key in s.names)
    warn_unreferenced(valid, refs, report)


def _duplicates(files: Files, chosen: list[int], report: Report) -> None:
    """duplicates.check over the chosen files, the files sharing a name with them (whose warnings may
    name a chosen file) and the files sharing a name with those: each of the first two groups then
    meets, in file order, every earlier file it could be a duplicate of, as in a full check."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(files.summaries):
        for key in s.name_keys:
            by_key.setdefault(key, []).append(i)

    def around(group: set[int]) -> set[int]:
        return group | {j for i in group for key in files.summaries[i].name_keys for j in by_key[key]}

    near = around({i for i in chosen if files.summaries[i].name_keys})
    if not near:
        return
    docs = files.parse(sorted(around(near)))
    found = Report()
    duplicates.check(docs.values(), found)
    shown = {files.summaries[i].path for i in near}
    report.extend(d for d in found.raw_items if d.path in shown)


def _targets(files: Files) -> Targets:
    """What body links may reach (Targets.of), from the summaries."""
    pages: set[str] = set()
    articles = []
    for s in files.summaries:
        if s.kind is Kind.ARTICLE and s.parsed:
            articles.append(f"news/{s.ident}.md")
        if not s.valid:
            continue
        if s.kind is Kind.ARTICLE and not s.draft:
            pages.add(f"news/{s.ident}.md")
        elif s.kind is Kind.TOPICS:
            pages.update(f"topics/{key}.md" for key in s.names)
        elif s.kind is Kind.PAGE:
            pages.add(f"{s.ident}.md")
        elif s.kind in FOLDER_OF:
            pages.add(f"{FOLDER_OF[s.kind]}/{s.ident}.md")
    drafts = {uri for uri in articles if uri not in pages}
    return Targets(frozenset(pages | GENERATED_PAGES), frozenset(drafts), frozenset(files.tree.assets))
