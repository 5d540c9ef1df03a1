"""Nodes of the kinds declared in generator/kinds/ without a node class and builder of their own.

Such an entry keeps the values its model read and the entries its declared references name; each
named entry lists it among its ``referrers``, so its page can link back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kinds import KindSpec
from ..validate.valid import Entry, Valid
from .graph import Catalog
from .nodes import Article, Node


@dataclass(eq=False, slots=True, repr=False)
class Entity(Node):
    """An entry of a generically declared kind."""

    declared: str = ""  # its kind
    name: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # what the model read, but references
    links: dict[str, list[Node]] = field(default_factory=dict)  # reference field → the entries it names
    articles: list[Article] = field(default_factory=list)

    @property
    def kind(self) -> str:  # type: ignore[override]  # per instance: one class serves every such kind
        return self.declared

    @property
    def label(self) -> str:
        return self.name or self.id


def build_generic(cat: Catalog, valid: Valid, declared: KindSpec) -> None:
    """The nodes of one kind, by name, linked to what they name (after every kind they may name is built)."""
    nodes = [_entity(key, e, declared, cat) for key, e in valid.table(declared.kind).items()]
    table = cat.table(declared.kind)
    for node in sorted(nodes, key=lambda n: (n.label.lower(), n.id)):
        table[node.id] = node
        for targets in node.links.values():
            for target in targets:
                target.referrers.setdefault(declared.kind, []).append(node)
    for kind in declared.mentioned_by:  # articles (and others) naming its entries: both ways
        entries = valid.table(kind)
        for item in cat.table(kind).values():  # in their order: articles newest first, so are its lists
            for ident in dict.fromkeys(getattr(entries[item.id].meta, declared.plural, None) or ()):
                named = table.get(ident)
                if named is None:
                    continue
                item.mentions.setdefault(declared.kind, []).append(named)
                if isinstance(item, Article):
                    named.articles.append(item)
                else:
                    named.referrers.setdefault(kind, []).append(item)


def _entity(key: str, e: Entry, declared: KindSpec, cat: Catalog) -> Entity:
    refs = {r.field for r in declared.references if r.within is None}
    values = e.meta.model_dump()
    links: dict[str, list[Node]] = {}
    for r in declared.references:
        if r.within is None:
            ids = values.get(r.field) or []
            ids = ids if r.many else [ids]
            found = cat.table(r.target)
            links[r.field] = [found[i] for i in dict.fromkeys(ids) if i in found]
    name = values.get("name") or values.get("title") or ""
    return Entity(key, e.doc.path, e.doc.body, e.doc.body_line, declared=declared.kind, name=str(name),
                  fields={k: v for k, v in values.items() if k not in refs}, links=links)
