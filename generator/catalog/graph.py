"""The catalog: every node of the site by kind, in the order pages list them, and what is worked out
across nodes (counts, related articles)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..kinds import KINDS, TOPIC, Kind
from .nodes import Article, Event, Node, Organization, Page, Person, Place, Topic

RELATED_WINDOW = 12  # neighbours looked at per shared entity: keeps "related" linear


@dataclass(slots=True)
class Catalog:
    # kind → id → node: articles newest first, events chronological, entities by name (catalog/build.py)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)  # paths of draft articles left out

    def table(self, kind: str) -> dict[str, Any]:
        """The nodes of one declared kind (generator/kinds/), in the order pages list them."""
        return self.tables.setdefault(kind, {})

    # The built-in kinds by name, typed, for the code that is specific to them.
    @property
    def articles(self) -> dict[str, Article]:
        return self.table(Kind.ARTICLE)

    @property
    def organizations(self) -> dict[str, Organization]:
        return self.table(Kind.ORGANIZATION)

    @property
    def people(self) -> dict[str, Person]:
        return self.table(Kind.PERSON)

    @property
    def places(self) -> dict[str, Place]:
        return self.table(Kind.PLACE)

    @property
    def events(self) -> dict[str, Event]:
        return self.table(Kind.EVENT)

    @property
    def topics(self) -> dict[str, Topic]:
        return self.table(TOPIC)

    @property
    def pages(self) -> dict[str, Page]:
        return self.table(Kind.PAGE)

    @property
    def article_list(self) -> list[Article]:
        return list(self.articles.values())

    @property
    def event_list(self) -> list[Event]:
        return list(self.events.values())

    def counts(self) -> dict[str, int]:
        """Entries per kind, by its plural ("articles", "organizations"), e.g. for the home page."""
        return {s.plural: len(self.table(s.kind)) for s in KINDS.values()}

    def all_nodes(self) -> Iterator[Node]:
        for kind in KINDS:
            yield from self.table(kind).values()

    def related_articles(self, article: Article, limit: int = 5) -> list[Article]:
        """Articles sharing events (weight 3) or organizations (weight 1), best first.

        Only the RELATED_WINDOW nearest articles of each shared entity are looked
        at, so the cost per article is bounded however popular an entity is.
        """
        scores: Counter[Article] = Counter()
        for weight, entities in ((3, article.events), (1, article.organizations)):
            for entity in entities:
                for other in _window(entity.articles, article):
                    if other is not article:
                        scores[other] += weight
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0].sort_key()))
        return [a for a, _ in ranked[:limit]]


def _window(articles: list[Article], around: Article) -> list[Article]:
    """The articles of an entity nearest in date to ``around`` (lists are newest first)."""
    if len(articles) <= RELATED_WINDOW:
        return articles
    lo, hi = 0, len(articles)
    key = around.sort_key()
    while lo < hi:  # binary search: lists are sorted by Article.sort_key
        mid = (lo + hi) // 2
        if articles[mid].sort_key() < key:
            lo = mid + 1
        else:
            hi = mid
    half = RELATED_WINDOW // 2
    start = max(0, min(lo - half, len(articles) - RELATED_WINDOW))
    return articles[start:start + RELATED_WINDOW]
