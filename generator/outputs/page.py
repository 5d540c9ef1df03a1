"""What one page links to among the outputs, and its JSON-LD: the templates' view of this package.

Only outputs that the build really writes are linked: RSS and Atom need
site_url, and an entity's calendar exists only if it has a day-precision event.
Each method looks at the page's own node only, so rendering all pages stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..catalog.graph import Catalog
from ..catalog.nodes import Article, Node
from . import jsonld
from .calendar import in_calendar
from .cards import Card, card_for
from .ids import TagIds
from .site import Site, modified
from .urls import CALENDAR, FEED_ATOM, FEED_JSON, FEED_RSS, Links, calendar_kinds, entity_output, feed_kinds

if TYPE_CHECKING:
    from ..pages.plan import PageSpec

MEDIA = {FEED_RSS: "application/rss+xml", FEED_ATOM: "application/atom+xml", FEED_JSON: "application/feed+json"}
FORMAT = {FEED_RSS: "RSS feed", FEED_ATOM: "Atom feed", FEED_JSON: "JSON Feed"}


@dataclass(frozen=True, slots=True)
class Alternate:
    url: str  # site-relative
    media_type: str
    title: str
    format: str  # "RSS feed", "Atom feed" or "JSON Feed"
    rel: str = "alternate"


class PageOutputs:
    def __init__(self, spec: PageSpec | None, catalog: Catalog, site_name: str, site_description: str | None,
                 site_url: str | None, ids: TagIds | None = None) -> None:
        self.spec = spec
        self.catalog = catalog
        self.site = Site(site_name, site_description or "", Links.from_site_url(site_url), ids or TagIds())

    def _feed_names(self) -> tuple[str, ...]:
        return (FEED_RSS, FEED_JSON) if self.site.links.absolute else (FEED_JSON,)

    def site_feeds(self) -> list[Alternate]:
        names = (FEED_RSS, FEED_ATOM, FEED_JSON) if self.site.links.absolute else (FEED_JSON,)
        return [Alternate(n, MEDIA[n], f"{self.site.name} ({FORMAT[n]})", FORMAT[n]) for n in names]

    @property
    def entity(self) -> Node | None:
        """The entity this page belongs to, if it has feeds of its own."""
        node = self.spec.node if self.spec else None
        return node if node is not None and node.kind in feed_kinds() else None

    def entity_feeds(self) -> list[Alternate]:
        node = self.entity
        if node is None:
            return []
        # Not rel="alternate" alone: Material's language selector fetches sitemap.xml next to every
        # link[rel=alternate] (exact match), which 404s inside an entity folder. Feed autodiscovery
        # reads rel as a token list, so "alternate feed" is still found (and "feed" is a registered rel).
        return [Alternate(entity_output(node, n), MEDIA[n], f"{node.label} — {self.site.name} ({FORMAT[n]})",
                          FORMAT[n], rel="alternate feed") for n in self._feed_names()]

    def entity_calendar(self) -> str | None:
        node = self.entity
        if node is None or node.kind not in calendar_kinds():
            return None
        has_dated = any(in_calendar(e) for e in node.events)  # type: ignore[attr-defined]
        return entity_output(node, CALENDAR) if has_dated else None

    def site_calendar(self) -> str | None:
        """events.ics, if the build writes it (stops at the first day-precision event)."""
        return CALENDAR if any(in_calendar(e) for e in self.catalog.events.values()) else None

    def alternates(self) -> list[Alternate]:
        """<link rel="alternate"> targets for the page head: site feeds, then the entity's own."""
        return self.site_feeds() + self.entity_feeds()

    def absolute(self, url: str) -> str | None:
        return self.site.links.href(url) if self.site.links.absolute else None

    def published(self, article: Article) -> str:
        return jsonld.date(article.date)

    def modified(self, article: Article) -> str:
        return jsonld.date(modified(article))

    def card(self) -> Card | None:
        """The page's social card (drawn after the build by outputs.cards.write_cards)."""
        return page_card(self.spec, self.site.name) if self.spec else None

    def image(self) -> str | None:
        """Address of the social card: absolute with site_url, else site-root-relative."""
        card = self.card()
        return self.site.links.href(card.path) if card else None

    def jsonld(self) -> dict[str, Any] | None:
        spec = self.spec
        if spec is None:
            return None
        card = self.card()
        return jsonld.page_graph(spec.kind, spec.node, spec.url, spec.title, spec.breadcrumbs, self.site,
                                 image=card.path if card else None)

    @property
    def og_type(self) -> str:
        if self.spec is None:
            return "website"
        return {"article": "article", "person": "profile"}.get(self.spec.kind, "website")


def page_card(spec: PageSpec, site_name: str) -> Card:
    section = spec.breadcrumbs[1][0] if len(spec.breadcrumbs) > 1 else ""
    return card_for(spec.kind, spec.node, spec.title, site_name, section)
