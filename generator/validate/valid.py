"""What validation hands to the catalog: the entries whose front matter passed their model, by kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..kinds import TOPIC, Kind
from ..load.frontmatter import Document

if TYPE_CHECKING:  # pydantic only for the types: a warm `portal check --changed` never imports it
    from . import models

M = TypeVar("M", bound="models.Model")


@dataclass(slots=True)
class Entry(Generic[M]):
    """A document whose front matter passed its model."""

    doc: Document
    meta: M  # the model instance (the kind's model, generator/kinds/)


@dataclass(slots=True)
class Valid:
    """Everything that validated, by kind and id, in file order."""

    tables: dict[str, dict[str, Entry[Any]]] = field(default_factory=dict)  # kind → id → entry
    assets: set[str] = field(default_factory=set)
    documents: list[Document] = field(default_factory=list)  # every parsed file, valid or not
    known: dict[str, set[str]] = field(default_factory=dict)  # ids of files that exist, by kind

    def table(self, kind: str) -> dict[str, Entry[Any]]:
        """The entries of one kind (declared in generator/kinds/); topics are kind "topic"."""
        return self.tables.setdefault(TOPIC if kind is Kind.TOPICS else kind, {})

    # The built-in kinds by name, for their catalog builders.
    @property
    def articles(self) -> dict[str, Entry[models.Article]]:
        return self.table(Kind.ARTICLE)

    @property
    def organizations(self) -> dict[str, Entry[models.Organization]]:
        return self.table(Kind.ORGANIZATION)

    @property
    def people(self) -> dict[str, Entry[models.Person]]:
        return self.table(Kind.PERSON)

    @property
    def places(self) -> dict[str, Entry[models.Place]]:
        return self.table(Kind.PLACE)

    @property
    def events(self) -> dict[str, Entry[models.Event]]:
        return self.table(Kind.EVENT)

    @property
    def topics(self) -> dict[str, Entry[models.Topic]]:
        return self.table(TOPIC)

    @property
    def pages(self) -> dict[str, Entry[models.Page]]:
        return self.table(Kind.PAGE)


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
