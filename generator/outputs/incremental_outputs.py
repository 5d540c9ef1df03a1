"""Feeds, calendars and the data API under `mkdocs serve --dirty`: rewrite only the files whose inputs changed.

The page fingerprints (pages/incremental.py) say what each node looks like on its page; an output
file's fingerprint hashes the same node hashes for every node it shows, plus the site-wide facts
(name, description, site_url, permanent ids, the newest date, the code and theme). MkDocs's server
holds every request until the build returns, so outputs rewritten for nothing delay the page the
editor is waiting for. A full build never comes here: it writes every output (outputs/__init__.py).

Nothing here imports MkDocs; the plugin keeps an :class:`OutputFingerprints` for the life of the server.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog.graph import Catalog
from ..catalog.nodes import Article, Event, Node
from ..kinds import KINDS
from .api import write_api
from .calendar import calendar_nodes, write_calendars
from .feeds import site_feeds, write_feeds
from .ids import TagIds
from .site import Site, latest, modified
from .sitemap import ROBOTS, robots
from .urls import FEED_ATOM, FEED_JSON, FEED_RSS, Links

CALENDARS = "calendars"  # the calendars and the data API are written as groups (one pass each)
API = "api"


def _h(*parts: Any) -> bytes:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def _nodes(hashes: dict[Any, bytes], nodes: Iterable[Node]) -> list[bytes]:
    return [hashes.get(id(n), b"") for n in nodes]


def output_fingerprints(catalog: Catalog, site: Site, hashes: dict[Any, bytes], global_hash: bytes,
                        html: Mapping[str, str]) -> dict[str, bytes]:
    """Output key → fingerprint: each feed by its folder ("" for the site's), the calendars, the API.

    ``hashes`` are pages.incremental.node_hashes (a node with its neighbours, as its own page shows
    it); ``html`` the rendered article bodies by article id, which feeds carry.
    """
    shared = _h(global_hash, site, latest(catalog).isoformat())
    out: dict[str, bytes] = {}
    for feed in site_feeds(catalog, site):
        out["feed:" + feed.folder] = _h(shared, feed.title, feed.description, feed.page,
                                        [_item(hashes, a, html) for a in feed.articles])
    out[CALENDARS] = _h(shared, [_event(e) for e in catalog.event_list],
                        [(n.kind, n.id, n.label, [e.id for e in n.events]) for n in calendar_nodes(catalog)])
    # Every declared kind's table (a kind declared later too: its API file must not go stale under serve).
    out[API] = _h(shared, *(_nodes(hashes, catalog.table(kind).values()) for kind in KINDS))
    return out


def _event(event: Event) -> tuple[Any, ...]:
    """What a calendar shows of an event (outputs/calendar.py): not the bodies of the articles reporting it,
    only their dates (its DTSTAMP), so editing a report does not rewrite every calendar."""
    chain = [p.name for p in (event.place, *event.place.ancestors)] if event.place is not None else []
    return (event.id, event.url, event.title, event.summary, repr(event.date), repr(event.end), event.event_kind,
            chain, [o.id for o in event.organizations], [repr(modified(a)) for a in event.articles])


def _item(hashes: dict[Any, bytes], article: Article, html: Mapping[str, str]) -> tuple[Any, ...]:
    """What a feed shows of an article: its own fields and body, its topics' names, the rendered body."""
    return (hashes.get(("shown", id(article)), b""), hashes.get(("body", id(article)), b""),
            [hashes.get(("shown", id(t)), b"") for t in article.topics], html.get(article.id))


@dataclass
class OutputFingerprints:
    """The fingerprints of the outputs the last preview build wrote (empty before the first)."""

    last: dict[str, bytes] = field(default_factory=dict)

    def write(self, catalog: Catalog, site_dir: Path, site_url: str | None, *, site_name: str,
              site_description: str, ids: TagIds, hashes: dict[Any, bytes], global_hash: bytes,
              rendered: Mapping[str, str]) -> list[str]:
        """Write the outputs whose fingerprint differs from the last build's; returns the paths written.
        ``rendered``: the article bodies the site build rendered, by article id (outputs/site.py)."""
        site = Site(site_name, site_description, Links.from_site_url(site_url), ids)
        current = output_fingerprints(catalog, site, hashes, global_hash, rendered)
        changed = {key for key, fp in current.items() if self.last.get(key) != fp}
        for key in self.last.keys() - current.keys():  # an entity that is gone: its feeds go too
            for name in (FEED_JSON, FEED_RSS, FEED_ATOM):
                (site_dir / key.removeprefix("feed:") / name).unlink(missing_ok=True)
        written: list[str] = []
        site_dir.mkdir(parents=True, exist_ok=True)
        robots_path = site_dir / ROBOTS
        text = robots(site_url)
        if not robots_path.is_file() or robots_path.read_text(encoding="utf-8") != text:
            robots_path.write_text(text, encoding="utf-8")
            written.append(ROBOTS)
        feeds = {key.removeprefix("feed:") for key in changed if key.startswith("feed:")}
        if feeds:
            written += write_feeds(catalog, site_dir, site, rendered, only=feeds)
        if CALENDARS in changed:
            written += write_calendars(catalog, site_dir, site)
        if API in changed:
            written += write_api(catalog, site_dir, site)
        self.last = current
        return written
