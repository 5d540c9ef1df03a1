"""Atomic publish: a build writes into a staging folder that replaces the site folder only at the end.

MkDocs cleans ``site_dir`` before it writes the first page, so a build that fails half-way would
otherwise leave a site with a fraction of its files. The plugin points ``site_dir`` at a sibling
staging folder in ``on_config``; when the whole build has succeeded the staging folder takes the
site folder's place, and on any failure it is deleted and the previous site stays byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

GZIP_MAX_TIME = 2**32 - 1  # gzip headers (MkDocs's sitemap.xml.gz) hold seconds since 1970 in 32 bits


def staging_for(site_dir: str) -> str:
    """A hidden sibling of ``site_dir`` (same file system, so the final rename is cheap)."""
    final = Path(site_dir).resolve()
    return str(final.parent / f".{final.name}.staging")


def prepare(site_dir: str) -> str:
    staging = staging_for(site_dir)
    discard(staging)  # left over from a build that was killed
    return staging


def replace(staging: str, site_dir: str) -> None:
    """Put the finished staging folder where ``site_dir`` is; the old site is removed after."""
    final = Path(site_dir).resolve()
    old = final.parent / f".{final.name}.old"
    discard(str(old))
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    discard(str(old))


def discard(path: str) -> None:
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


def source_date_epoch(moment: dt.datetime) -> str:
    """SOURCE_DATE_EPOCH for a moment, clamped to what a gzip header holds (dates before 1970 give 0)."""
    return str(min(max(int(moment.timestamp()), 0), GZIP_MAX_TIME))
