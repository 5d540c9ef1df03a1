"""What an article carries that is no node of the graph: where the report comes from, and its photos."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import PartialDate


@dataclass(eq=False, slots=True, repr=False)
class Source:
    name: str
    url: str | None
    date: PartialDate | None
    authors: list[str] = field(default_factory=list)

    @property
    def attributed(self) -> bool:
        return self.name.strip().lower() != "unattributed"


@dataclass(eq=False, slots=True, repr=False)
class Image:
    caption: str
    credit: str | None
    file: str | None
