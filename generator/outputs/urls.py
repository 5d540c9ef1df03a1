"""Where outputs live and how they are linked, with or without ``site_url``.

Catalog URLs are site-relative (``organizations/iso/``). With ``site_url`` every
link an output writes is absolute; without it, formats that allow it get
site-root-relative links (``/organizations/iso/``) and the rest are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.nodes import Node
from ..kinds import KINDS

FEED_RSS = "feed.xml"
FEED_ATOM = "atom.xml"
FEED_JSON = "feed.json"
CALENDAR = "events.ics"
API_ROOT = "api/v1/"
API_SCHEMA_ROOT = "api/v1/schema/"


def feed_kinds() -> list[str]:
    """Kinds whose entries have their own feeds, as generator/kinds/ declares them."""
    return [k for k, s in KINDS.items() if s.feed]


def calendar_kinds() -> list[str]:
    """Kinds whose entries have their own calendar (of their ``events``)."""
    return [k for k, s in KINDS.items() if s.calendar]


# What each output needs site_url for: named in the build log when it is missing.
NEEDS_SITE_URL = ("RSS and Atom feeds (feed.xml, atom.xml)", "sitemap.xml entries and the Sitemap line of robots.txt",
                  "og:url", "absolute canonical, og:image, JSON Feed, JSON-LD and API URLs")


@dataclass(frozen=True, slots=True)
class Links:
    """Turns site-relative URLs into the links an output writes."""

    base: str | None  # site_url ending in "/", or None

    @classmethod
    def from_site_url(cls, site_url: str | None) -> Links:
        return cls(site_url.rstrip("/") + "/" if site_url else None)

    @property
    def absolute(self) -> bool:
        return self.base is not None

    def href(self, url: str) -> str:
        """Absolute with site_url, else site-root-relative."""
        return (self.base or "/") + url

    def node(self, node: Node, fragment: str = "") -> str:
        return self.href(node.url) + (f"#{fragment}" if fragment else "")


def entity_output(node: Node, name: str) -> str:
    """Site-relative path of one of an entity's own outputs, e.g. organizations/iso/feed.xml."""
    return node.url + name
