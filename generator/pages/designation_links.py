"""Where a designation written in a body links: the page of its standard or committee (generator/markdown.py's
``LINKS`` asks, per page, with paths relative to the page's source file, as MkDocs resolves Markdown links)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from .. import designations
from ..catalog.graph import Catalog
from ..catalog.nodes import Node
from ..kinds import Kind


class DesignationLinks:
    """Built once per build from the catalog; ``for_page`` is cheap."""

    def __init__(self, catalog: Catalog) -> None:
        self.standards: designations.Index[Node] = designations.Index()
        for node in catalog.table(Kind.STANDARD).values():
            self.standards.add(node.label, node)
        self.committees: dict[str, Node] = {}
        for node in catalog.table(Kind.COMMITTEE).values():
            key = designations.parse_committee(node.label)
            if key is not None:
                self.committees.setdefault(key, node)

    def target(self, what: str, key: str) -> Node | None:
        return self.standards.find(key) if what == "standard" else self.committees.get(key)

    def for_page(self, src_uri: str) -> Callable[[str, str], str | None]:
        here = posixpath.dirname(src_uri)

        def link(what: str, key: str) -> str | None:
            node = self.target(what, key)
            if node is None:
                return None
            uri = node.url.rstrip("/") + ".md"
            return None if uri == src_uri else posixpath.relpath(uri, here or ".")

        return link
