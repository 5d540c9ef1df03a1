"""Files written next to the pages after the build: feeds, calendars, data API.

Each writer reads the catalog and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog


def write_outputs(catalog: Catalog, site_dir: Path, site_url: str | None) -> list[str]:
    """Write every non-page output below ``site_dir``; returns the paths written."""
    return []
