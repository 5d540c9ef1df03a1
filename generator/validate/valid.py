"""What validation hands to the catalog: the entries whose front matter passed their model, by kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kinds import Kind
from ..load.frontmatter import Document


@dataclass(slots=True)
class Entry:
    """A document whose front matter passed its model."""

    doc: Document
    meta: Any  # the model instance


@dataclass(slots=True)
class Valid:
    """Everything that validated, by kind and id, in file order."""

    articles: dict[str, Entry] = field(default_factory=dict)
    organizations: dict[str, Entry] = field(default_factory=dict)
    people: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    events: dict[str, Entry] = field(default_factory=dict)
    topics: dict[str, Entry] = field(default_factory=dict)
    pages: dict[str, Entry] = field(default_factory=dict)
    assets: set[str] = field(default_factory=set)
    documents: list[Document] = field(default_factory=list)  # every parsed file, valid or not
    known: dict[str, set[str]] = field(default_factory=dict)  # ids of files that exist, by kind

    def table(self, kind: Kind) -> dict[str, Entry]:
        return {
            Kind.ARTICLE: self.articles, Kind.ORGANIZATION: self.organizations,
            Kind.PERSON: self.people, Kind.PLACE: self.places, Kind.EVENT: self.events,
            Kind.PAGE: self.pages,
        }[kind]


def parent_loops(table: dict[str, Entry]) -> list[list[str]]:
    """Chains of `parent` that come back on themselves, each once; linear in the table."""
    loops: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the chain being walked, 2 = settled
    for start in table:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in table and state.get(node, 0) == 0:
            state[node] = 1
            chain.append(node)
            node = table[node].meta.parent
        if node is not None and state.get(node) == 1:  # came back onto this chain: a loop
            loops.append(chain[chain.index(node):])
        for item in chain:
            state[item] = 2
    return loops
