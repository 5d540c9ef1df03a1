"""Files written next to the pages after the build: feeds, calendars, data API.

Each writer reads the catalog (the feeds also the rendered article bodies, handed over as an argument)
and writes deterministic bytes: no build timestamp, fixed order, so unchanged content rebuilds identically.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from ..catalog.graph import Catalog
from .api import write_api
from .calendar import write_calendars
from .feeds import write_feeds
from .ids import TagIds
from .site import Site
from .sitemap import ROBOTS, robots
from .urls import NEEDS_SITE_URL, Links

# Under "mkdocs." so the build log shows it; nothing here imports MkDocs.
log = logging.getLogger("mkdocs.plugins.portal.outputs")

DEFAULT_NAME = "Standards News Portal"


def write_outputs(catalog: Catalog, site_dir: Path, site_url: str | None, *, site_name: str = DEFAULT_NAME,
                  site_description: str = "", ids: TagIds | None = None,
                  rendered: Mapping[str, str] | None = None) -> list[str]:
    """Write every non-page output below ``site_dir``; returns the paths written. ``rendered``: article
    bodies as the site build rendered them, by article id (without it, the feeds render them)."""
    site = Site(site_name, site_description, Links.from_site_url(site_url), ids or TagIds())
    if not site_url:
        log.info("portal: PORTAL_SITE_URL is not set (site_url in mkdocs.yml), so this preview build leaves out "
                 "or makes site-root-relative: " + "; ".join(NEEDS_SITE_URL))
    (site_dir / ROBOTS).write_text(robots(site_url), encoding="utf-8")
    written: list[str] = [ROBOTS]
    written += write_feeds(catalog, site_dir, site, rendered or {})
    written += write_calendars(catalog, site_dir, site)
    written += write_api(catalog, site_dir, site)
    return written
