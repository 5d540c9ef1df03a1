"""The fixture site: fictional content made for the behaviour tests, independent of the live content/.

``tests/fixtures/content/`` is a small, readable tree (every name in it is invented: "Example Standards
Body", "Example City", "Shi Li" …) covering the cases the pages and outputs must handle: partial dates
(a year-only and a month-only article and event), a multi-day event, places three levels deep, an
organization with a parent, a person with roles in two organizations and a person whose role names no
organization, Chinese names, an article with images (one with a file) and standards, an unattributed
source, an updated article and a draft. ``write_fixture_content`` copies it and adds BRIEFS generated
articles in BRIEF_YEAR, all about the Example Standards Body, so that news, year and entity listings
paginate and the site-wide feed reaches its limit.

The session fixtures in conftest.py build it with ``mkdocs build --strict``; the constants below name
the files that tests look at, so no test hunts for its case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.catalog.graph import Catalog
from generator.pipeline import build_catalog

from .helpers import ROOT, write_config, write_tree

FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
SITE_URL = "http://127.0.0.1:8000/"

BRIEFS = 44  # generated articles: with the 7 hand-written ones 51, so 3 news pages and one article past FEED_LIMIT (50)
BRIEF_YEAR = 2022
BRIEF_ORG = "example-standards-body"

# The cases, by id.
TRICKY_ID = "2019/example-standards-week-opens"  # month-only date; its title tries to break out of <script>
TRICKY_TITLE = "Example Standards Week </script><!-- & 'quoted' \"forum\" opens"
YEAR_ONLY_ID = "2018/example-city-issues-a-quality-plan"  # dated "2018", source "Unattributed"
IMAGES_ID = "2016/example-city-launches-a-standardization-pilot"  # images (one with a file), standards
NEWEST_ID = "2024/example-bureau-opens-a-service-centre"
UPDATED_ID = "2020/example-testing-company-signs-an-agreement"
DRAFT_PATH = "news/2024/unfinished-example-draft.md"
MULTI_DAY_ID = "example-standards-week-2019"  # 2019-03-05 to 2019-03-07, in Example Harbour Zone
MONTH_EVENT_ID = "example-quality-forum-2019"  # "2019-07"
YEAR_EVENT_ID = "example-quality-plan-2018"  # "2018"
DAY_EVENT_ID = "example-pilot-launch-2016"  # "2016-04-13"
ORG_ID = "example-city-quality-bureau"  # short name, Chinese name, parent, place, people with roles
PARENT_ORG_ID = "example-standards-body"  # the parent of ETC 42; website; every brief mentions it
CHILD_ORG_ID = "example-technical-committee"
PERSON_ID = "shi-li"  # two roles, with organizations and dates
NO_ORG_PERSON_ID = "ann-example"  # a role that names no organization
CITY_ID = "example-city"  # inside example-province; contains the district and the harbour zone
DISTRICT_ID = "north-example-district"


def briefs() -> dict[str, str]:
    """The generated articles, {path below content/: text}; newest is number BRIEFS."""
    files = {}
    for i in range(1, BRIEFS + 1):
        month, day = 1 + (i - 1) // 28, 1 + (i - 1) % 28
        files[f"news/{BRIEF_YEAR}/example-brief-{i:02d}.md"] = (
            f'---\ntitle: Example brief {i:02d}\ndate: "{BRIEF_YEAR}-{month:02d}-{day:02d}"\n'
            f"summary: Fictional brief number {i} about the Example Standards Body.\n"
            f"source:\n  name: Example Wire\norganizations:\n  - {BRIEF_ORG}\n---\n\n"
            f"The Example Standards Body published fictional brief number {i}.\n"
        )
    return files


def write_fixture_content(dest: Path) -> Path:
    """The fixture tree plus the generated briefs, copied to ``dest`` (which must not exist)."""
    shutil.copytree(FIXTURE_CONTENT, dest)
    return write_tree(dest, briefs())


def build_env() -> dict[str, str]:
    """Without SOURCE_DATE_EPOCH: time stamps come from the content, so builds are reproducible as they are
    (and without PORTAL_SITE_URL: the fixture is built with the site_url its fixture asks for)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PORTAL_SITE_URL")}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Built:
    """A built site and what it was built from."""

    site: Path
    content: Path
    catalog: Catalog
    log: str  # stderr of the build
    config: Path


def build(project: Path, content: Path, site_url: str | None, site: str = "site", runner: str = "mkdocs") -> Built:
    """``mkdocs build --strict`` of ``content`` with the project's mkdocs.yml and theme, into project/site.
    ``runner``: the module that builds, ``mkdocs`` or its fork ``properdocs`` (docs/platform.md)."""
    project.mkdir(parents=True, exist_ok=True)
    overrides = {"site_url": site_url} if site_url else {}
    config = write_config(project, content, **overrides)
    args = [sys.executable, "-m", runner, "build", "--strict", "-f", str(config), "-d", str(project / site)]
    done = subprocess.run(args, capture_output=True, text=True, env=build_env(), cwd=project, timeout=900)
    assert done.returncode == 0, done.stderr[-5000:]
    result = build_catalog(content)
    assert result.ok, result.report.summary()
    return Built(project / site, content, result.catalog, done.stderr, config)
