"""The catalog: every node of the site by kind, in the order pages list them, and what is worked out
across nodes (counts, related articles)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .nodes import Article, Event, Node, Organization, Page, Person, Place, Topic

RELATED_WINDOW = 12  # neighbours looked at per shared entity: keeps "related" linear


@dataclass(slots=True)
class Catalog:
    articles: dict[str, Article] = field(default_factory=dict)  # newest first
    organizations: dict[str, Organization] = field(default_factory=dict)  # by name
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)  # chronological
    topics: dict[str, Topic] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)  # paths of draft articles left out

    @property
    def article_list(self) -> list[Article]:
        return list(self.articles.values())

    @property
    def event_list(self) -> list[Event]:
        return list(self.events.values())

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.articles), "events": len(self.events),
            "organizations": len(self.organizations), "people": len(self.people),
            "places": len(self.places), "topics": len(self.topics), "pages": len(self.pages),
        }

    def all_nodes(self) -> Iterator[Node]:
        for table in (self.pages, self.articles, self.events, self.organizations, self.people,
                      self.places, self.topics):
            yield from table.values()

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
