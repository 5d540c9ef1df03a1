"""One summary per content file: what depends on its bytes alone, cached in ``.cache/``.

A file's summary holds the diagnostics of loading it and of ``entries.validate_file`` (characters,
model, empty body, duplicate entries, reserved names), the references it makes, the names it goes by
(as ``duplicates`` compares them) and, when valid, the few model values other files' checks read
(names for hints, parent, draft). Summaries are kept in ``.cache/portal-check.json`` (load/cache.py's
``Journal``: data only, each entry checked field by field as it is read back) under the file's git blob
id, place and the code of every stage they come from, so an unchanged file is neither read (its id comes
from ``git ls-files -s``), parsed nor validated again, and
pydantic is imported only when a file needs its model checked. generator/validate/incremental.py runs
the checks that span files over them; a long-lived process (``mkdocs serve``) can call
``summarize_tree`` with the same cache to learn, in a few hundredths of a second, which files changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Report, Severity
from ..kinds import KINDS, TOPIC, Kind, spec
from ..load import documents as loading
from ..load.cache import CACHE_DIR, Journal, ParseCache, code_version, untrusted
from ..load.frontmatter import Document
from ..load.git import added_files
from . import duplicates
from .names import name_fields
from .references import referred_kinds, walk_references

FILE = "portal-check.json"
# Summaries come from load/ and validate/ (and the shared modules they use); pydantic words the errors.
_CODE = ("", "load", "validate")
_PACKAGES = ("pydantic", "pydantic-core", "PyYAML")



def referred(kind: Kind) -> str | None:
    """The kind other files name this file's entries as ("topic" for topics.yml), if any field refers to it
    (generator/kinds/): only those entries need their names and parent in the summary."""
    what = TOPIC if kind is Kind.TOPICS else kind
    return what if what in referred_kinds() else None


class Summary(NamedTuple):
    """What the checks of other files need to know about one file, and its own diagnostics.

    A tuple: 13,704 of them are rebuilt from the store in a fraction of the time dataclasses take.
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

    def stored(self) -> list[Any]:
        """As JSON data, for the Journal: a kind as its name, tuples and sets as lists."""
        return [str(self.kind), *self[1:5], [list(d) for d in self.diagnostics], self.valid,
                [list(r) for r in self.refs], self.names, self.parent, self.draft,
                sorted(list(k) for k in self.name_keys), self.body_check]

    @classmethod
    def from_stored(cls, item: Any) -> Summary:
        """A stored summary, only if every field has the type it must have (a cache file is untrusted input:
        a pull request can add one); anything else raises ValueError and the file is summarized again."""
        kind, ident, path, rel, parsed, diagnostics, valid, refs, names, parent, draft, keys, body = _items(item, 13)
        if kind not in KINDS and kind != Kind.TOPICS:  # not (or no longer) declared: summarize again
            raise ValueError(kind)
        # Plain type tests inline: 13,704 entries at 10,000 articles, read on every warm `check --changed`.
        if (type(ident) is not str or type(path) is not str or type(rel) is not str
                or not (parent is None or type(parent) is str)
                or not all(type(flag) is bool for flag in (parsed, valid, draft, body))):
            raise ValueError("malformed summary")
        stored = tuple(_stored_diag(d) for d in _items(diagnostics)) if diagnostics else ()
        return cls(Kind(kind), ident, path, rel, parsed, stored, valid, _pairs(refs), _names(names),
                   parent, draft, frozenset(_pairs(keys)), body)

    @property
    def diagnosed(self) -> list[Diagnostic]:
        return [_diag(d) for d in self.diagnostics]


def _items(value: Any, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise ValueError("malformed summary")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """[[text, text], …] as tuples (one pass of plain type tests: 98,714 of them at 10,000 articles)."""
    if type(value) is not list or not all(
            type(p) is list and len(p) == 2 and type(p[0]) is str and type(p[1]) is str for p in value):
        raise ValueError("expected pairs of text")
    return tuple(map(tuple, value))


def _stored_diag(value: Any) -> tuple[Any, ...]:
    path, line, col, severity, code, message, hint = _items(value, 7)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (line, col)):
        raise ValueError("expected a position")
    Severity(_text(severity))  # a known severity, or ValueError
    return (_text(path), line, col, severity, _text(code), _text(message), _optional_text(hint))


def _names(value: Any) -> dict[str, dict[str, Any]]:
    """{id: {name field: text, list of text or None}}, as ``summarize`` writes them."""
    if not isinstance(value, dict):
        raise ValueError("malformed names")
    for fields in value.values():
        if not isinstance(fields, dict):
            raise ValueError("malformed names")
        for field_value in fields.values():
            if isinstance(field_value, list):
                [_text(v) for v in field_value]
            else:
                _optional_text(field_value)
    return value


def _diag_tuple(d: Diagnostic) -> tuple[Any, ...]:
    return (d.path, d.line, d.col, d.severity.value, d.code, d.message, d.hint)


def _diag(item: tuple[Any, ...]) -> Diagnostic:
    path, line, col, severity, code, message, hint = item
    return Diagnostic(path, line, col, Severity(severity), code, message, hint)


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
        if referred(doc.kind) is not None:  # what others refer to
            names[doc.id] = {key: getattr(meta, key, None) for key in name_fields(doc.kind)}
        parent = getattr(meta, "parent", None)
        draft = bool(getattr(meta, "draft", False))
    refs = tuple((what, ref) for _, ref, what in walk_references(doc) if isinstance(ref, str))
    keys = frozenset(_name_keys(doc))
    valid = meta is not None or doc.kind is Kind.TOPICS
    return Summary(doc.kind, doc.id, doc.path, doc.rel, True, tuple(map(_diag_tuple, report.raw_items)), valid,
                   refs, names,
                   parent, draft, keys, _body_check(doc))


def _body_check(doc: Document) -> bool:
    """Whether bodies.check can find anything in this body: every Markdown body, since plain text can be too
    slow to render too (issue 20). When no affected file needs it, `check --changed` does not even import
    Python-Markdown and the sanitizer."""
    return doc.kind is not Kind.TOPICS


def _name_keys(doc: Document) -> Iterable[tuple[str, str]]:
    """The keys duplicates.check files an entity under (events: title and date together)."""
    for kind, _, ident, data, _ in duplicates.entities([doc]):
        for key, _naming in duplicates.name_keys(kind, ident, data):
            yield str(kind), key  # a plain str, as stored


@dataclass(slots=True)
class Files:
    """Every content file of a tree, summarized, in the order a full check visits them."""

    tree: loading.Tree  # documents stay empty: only the chosen files are parsed again
    summaries: list[Summary]
    jobs: list[Any]
    walked: list[Diagnostic]  # files the walk refused (hidden, misplaced, bad names)
    cache: Journal | None = None
    _docs: dict[int, Document] = field(default_factory=dict)

    def parse(self, indexes: Iterable[int]) -> dict[int, Document]:
        """The documents of these files (each parsed once per run)."""
        out = {}
        for i in indexes:
            doc = self._docs.get(i)
            if doc is None:
                docs, _ = loading.parse_chunk([self.jobs[i]])
                if not docs:
                    continue
                doc = self._docs[i] = docs[0]
            out[i] = doc
        return out

    def parse_all(self, cache: ParseCache) -> None:
        """Every document, through load/cache.py's parse cache (a full check from the caches)."""
        for i, (docs, _) in enumerate(loading.parse_cached(self.jobs, cache)):
            if docs:
                self._docs[i] = docs[0]


def cache_for(content: Path) -> Journal:
    path = content.resolve().parent / CACHE_DIR / FILE
    trusted = not (untrusted(path) or untrusted(path.with_suffix(".new" + path.suffix)))
    return Journal(path, f"{code_version(_CODE, _PACKAGES)}-{_declared()}", trusted=trusted)


def _declared() -> str:
    """What summaries read from the kinds declared now (generator/kinds/ is in the code version, but a kind
    may also be declared at run time: ``kinds.registered``)."""
    shape = [(str(s.kind), s.folder, s.references, s.name_fields, s.mentioned_by) for s in KINDS.values()]
    return hashlib.sha1(repr(shape).encode()).hexdigest()[:12]


def blob_id(data: bytes) -> bytes:
    """The id git gives a file of these bytes (``git hash-object``), so a caller that knows the ids of
    unchanged files from ``git ls-files -s`` need not read them."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).digest()


def summarize_tree(content: Path, cache: Journal | None, blobs: dict[str, bytes] | None = None,
                   added: frozenset[str] | None = None) -> Files:
    """Walk ``content`` and summarize each file, from ``cache`` when its bytes are unchanged.

    ``blobs``: rel path → git blob id of files known to be unchanged on disk; others are read.
    ``added``: the files new in this change (default: since the default base, load/git.py).
    """
    walk = Report()
    tree = loading.Tree(content, added=added_files(content) if added is None else added)
    jobs: list[Any] = []
    prefix = loading.display_path(content)
    for abs_path, rel in loading.walk_files(str(content), "", prefix, walk):
        tree.files_seen += 1
        loading.classify_file(tree, jobs, abs_path, rel, f"{prefix}/{rel}", walk, None)
    summaries: list[Summary] = []
    live: set[tuple[str, ...]] = set()
    for job in jobs:
        digest = blobs.get(job.rel) if blobs else None
        if digest is None:
            try:
                with open(job.path, "rb") as fh:
                    digest = blob_id(fh.read())
            except OSError:
                digest = b""
        key = (str(job.kind.value), str(job.doc_id), str(job.rel), str(job.shown), "fenced" if job.fenced else "",
               digest.hex())
        live.add(key)
        found = _from_cache(cache.get(key)) if cache is not None else None
        if found is None:
            docs, loaded = loading.parse_chunk([job])
            found = summarize(docs[0] if docs else None, loaded, job)
            if cache is not None:
                cache.put(key, found.stored())
        summaries.append(found)
    if cache is not None:
        cache.save(live)
    return Files(tree, summaries, jobs, walk.raw_items, cache)


def _from_cache(stored: Any) -> Summary | None:
    try:
        return None if stored is None else Summary.from_stored(stored)
    except (TypeError, KeyError, IndexError, ValueError):  # an entry of another shape: summarize again
        return None


def counts(files: Files) -> dict[str, int]:
    """What the catalog would hold, by kind (the summary line of `portal check`)."""
    n: Counter[str] = Counter()
    for s in files.summaries:
        if s.kind is Kind.TOPICS:
            n[spec(TOPIC).plural] += len(s.names)
        elif s.valid and not (s.kind is Kind.ARTICLE and s.draft):
            n[spec(s.kind).plural] += 1
    return {k.plural: n[k.plural] for k in KINDS.values()}
