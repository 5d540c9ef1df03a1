"""Page fingerprints: what `mkdocs serve --dirty` needs to re-render only the pages an edit changed.

A page's fingerprint hashes everything it is rendered from: its spec (template, title, breadcrumbs,
pagination, extra data), the content of its node and of every node it shows, as far into the catalog
graph as the templates look (an organization page lists events, which show their place and that
place's parents), the theme's files, the configuration and the versions of the code. Each node is
hashed a fixed number of times, so this is linear in the size of the catalog. A renamed or deleted
file changes the hash of every node that linked to it, so every page
that showed it is rendered again, and its own page disappears from the plan.

Nothing here imports MkDocs: the plugin asks ``changed(src_uri)`` from its files' ``is_modified``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from ..catalog.graph import Catalog
from ..catalog.nodes import Event, Node, Person, Place, Role
from ..kinds import Kind
from ..load.documents import Tree
from ..load.frontmatter import Document
from .plan import PageSpec


def _h(*parts: Any) -> bytes:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def _neighbours(node: Node) -> Iterator[Node]:
    """Every node this one refers to or lists, in a stable order (field order, then list order)."""
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, Node):
            yield value
        elif isinstance(value, list | tuple):
            for v in value:
                if isinstance(v, Node):
                    yield v
                elif isinstance(v, Role):
                    yield v.person
                    if v.organization is not None:
                        yield v.organization
        elif isinstance(value, dict):  # co_mentions: a Counter keyed by node; referrers, links: lists of nodes
            for k, v in value.items():
                if isinstance(k, Node):
                    yield k
                elif isinstance(v, list):
                    yield from (n for n in v if isinstance(n, Node))


def _own(node: Node, docs: dict[str, Document], memo: OwnHashes | None = None) -> tuple[bytes, bytes]:
    """Hashes of a node's front matter and of its body, apart: the body shows on its own page and in the
    data API, never where other pages list or link the node, so a body edit re-renders only those."""
    doc = docs.get(node.path)
    if doc is None:
        return _h(node.kind, node.id), b""
    if memo is not None:
        found = memo.get((id(doc), node.kind, node.id))
        if found is not None and found[0] is doc:
            return found[1]
    topics = doc.kind is Kind.TOPICS
    data = doc.front.data.get(node.id) if topics else doc.front.data
    digests = _h(node.kind, node.id, data), b"" if topics else _h(doc.body)
    if memo is not None:
        memo[(id(doc), node.kind, node.id)] = (doc, digests)
    return digests


# A node's own hash by the Document it came from: `mkdocs serve`'s parse cache hands back the same Document
# object for a file whose bytes did not change, so its hash is not computed again. The entry holds the
# Document, so its id() is not reused while the entry lives.
OwnHashes = dict[tuple[int, str, str], tuple[Document, tuple[bytes, bytes]]]


def node_hashes(catalog: Catalog, tree: Tree, memo: OwnHashes | None = None) -> dict[Any, bytes]:
    """Per node: ``id(node)`` → what its own page shows of it and of its neighbours,
    ``("shown", id(node))`` → what any other page shows when it lists or links the node (never its body),
    and ``("body", id(node))`` → its body, for the feeds that show it.

    A card or chip shows only a node's own fields, but an event row also shows its organizations,
    its place with that place's parents and the articles reporting it, and a person's chip the
    organizations of their roles.
    """
    docs = {d.path: d for d in tree.documents}
    nodes = list(catalog.all_nodes())  # every declared kind
    own, bodies = {}, {}
    for n in nodes:
        own[id(n)], bodies[id(n)] = _own(n, docs, memo)
    if memo is not None:
        _forget_gone(memo, tree)
    shown = {id(n): _shown(n, own) for n in nodes}
    out: dict[Any, bytes] = {("shown", k): v for k, v in shown.items()}
    for n in nodes:
        out[id(n)] = _h(_page_hash(n, shown), bodies[id(n)])
        out[("body", id(n))] = bodies[id(n)]
        out[("listed", id(n))] = _h(shown[id(n)], _sizes(n))
    return out


def _sizes(n: Node) -> list[int]:
    """How long each of a node's lists is: an index row counts them ("5 articles, 4 events"; a place's
    events include those of places within). The property test found index counts left stale."""
    sizes = [len(v) for f in dataclasses.fields(n) if isinstance(v := getattr(n, f.name), list | dict)]
    return [*sizes, len(n.all_events), len(n.all_articles)] if isinstance(n, Place) else sizes


def _forget_gone(memo: OwnHashes, tree: Tree) -> None:
    """Forget the Documents of files that changed or went."""
    live = {id(d) for d in tree.documents}
    for key in [k for k in memo if k[0] not in live]:
        del memo[key]


def _place_chain(place: Place | None, own: dict[int, bytes]) -> list[bytes]:
    """A place's ancestors and the place itself, outermost first (none: no place)."""
    return [own[id(p)] for p in (*place.ancestors, place)] if place is not None else []


def _shown(n: Node, own: dict[int, bytes]) -> bytes:
    """What a page that lists or links the node shows of it (node_hashes' docstring)."""
    if isinstance(n, Event):
        return _h(own[id(n)], [own[id(o)] for o in n.organizations], _place_chain(n.place, own),
                  [own[id(a)] for a in n.articles])
    if isinstance(n, Person):
        return _h(own[id(n)], [own[id(r.organization)] for r in n.roles if r.organization])
    if isinstance(n, Place):
        return _h(_place_chain(n, own))
    return own[id(n)]


def _page_hash(n: Node, shown: dict[int, bytes]) -> bytes:
    """What the node's own page shows: the node, its neighbours as listed, and its counted nodes
    (co_mentions) with their counts."""
    counts = [(shown.get(id(k), b""), v) for f in dataclasses.fields(n)
              if isinstance(value := getattr(n, f.name), dict) for k, v in value.items() if isinstance(k, Node)]
    # A place's page also lists the events and reports of every place within it (the property test in
    # tests/site/test_incremental_property.py found this missing: a renamed district left its province stale).
    within = [shown.get(id(m), b"") for m in (*n.all_events, *n.all_articles)] if isinstance(n, Place) else []
    return _h(shown[id(n)], [shown.get(id(m), b"") for m in _neighbours(n)], counts, within)


def _walk(value: Any, hashes: dict[Any, bytes], top: bool = False, shown: str = "shown") -> Any:
    """A hashable picture of a spec's data: the page's own node as its page shows it (``top``), other
    nodes as shown (``shown``: "listed" for the rows of a page's own list, which also count), containers
    element by element. Plain values stand for themselves: the page's fingerprint is the repr of the whole."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if isinstance(value, Node):
        return hashes.get(id(value) if top else (shown, id(value)), value.id)
    if kind is list or kind is tuple:
        return [_walk(v, hashes, shown=shown) for v in value]
    if isinstance(value, dict):
        return [(k, _walk(v, hashes, shown=shown)) for k, v in value.items()]
    names = _fields(kind)
    if names is not None:
        return (kind.__name__, [_walk(getattr(value, name), hashes, shown=shown) for name in names])
    if isinstance(value, list | tuple):  # subclasses (named tuples)
        return [_walk(v, hashes, shown=shown) for v in value]
    return repr(value)


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (looked up once per type), else None."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    return _FIELDS[kind]


def files_hash(paths: Iterable[Path]) -> bytes:
    """Hash of every file under these folders or files (theme, configuration, code)."""
    digest = hashlib.blake2b(digest_size=16)
    for root in paths:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and "__pycache__" not in path.parts:
                name = path.relative_to(root).as_posix() if root.is_dir() else path.name
                digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def fingerprints(specs: list[PageSpec], catalog: Catalog, tree: Tree, global_hash: bytes,
                 hashes: dict[Any, bytes] | None = None) -> dict[str, bytes]:
    """src_uri → fingerprint of every planned page (``hashes``: node_hashes, if already computed)."""
    if hashes is None:
        hashes = node_hashes(catalog, tree)
    out = {}
    for spec in specs:
        shape = (spec.template, spec.title, spec.kind, spec.description, spec.markdown, spec.search,
                 spec.breadcrumbs, _walk(spec.pagination, hashes))
        out[spec.src_uri] = _h(global_hash, shape, _walk(spec.node, hashes, top=True),
                               _walk(list(spec.items), hashes, shown="listed"),
                               _walk(spec.data, hashes))
    return out


class Previous:
    """The fingerprints of the last good build, kept for the life of a `mkdocs serve` process."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}

    def changed(self, current: dict[str, bytes]) -> set[str]:
        return {uri for uri, fp in current.items() if self.pages.get(uri) != fp}

    def gone(self, current: dict[str, bytes]) -> set[str]:
        return set(self.pages) - set(current)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled Jinja templates kept across `mkdocs serve` rebuilds.

    MkDocs makes a new Jinja environment for every build, so every save compiled Material's and the
    portal's templates again (≈1 s). Jinja keys each entry by template name and source checksum, so
    an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()
