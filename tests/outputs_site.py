"""A built site with ``site_url`` set, for the feed, calendar, structured-data and API tests.

The real content plus files that exercise edge cases: an article dated to a month only,
whose title tries to break out of a <script> element, a multi-day event, and an
organization with a website. The site
is built twice from the same files (for the byte-identity test); both builds are cached for
the whole session, whichever test module asks first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.catalog import Catalog
from generator.pipeline import build_catalog

from .helpers import copy_content, mkdocs_build, write_config, write_tree

SITE_URL = "http://127.0.0.1:8000/"
TRICKY_TITLE = "Standards </script><!-- & 'quoted' \"forum\" opens"
TRICKY_ID = "2019/standards-script-forum-opens"
MULTI_DAY_ID = "test-multi-day-standards-week-2019"

EXTRA = {
    "news/2019/standards-script-forum-opens.md": f"""
        ---
        title: {json.dumps(TRICKY_TITLE)}
        date: "2019-03"
        summary: A test report dated to a month only, about a three-day standards week in Shanghai.
        source:
          name: Test Gazette
          url: https://example.org/gazette/standards-week
        organizations:
          - iso
          - smbqts
          - test-standards-committee
        people:
          - chen-xiaojun
        places:
          - shanghai
        events:
          - {MULTI_DAY_ID}
        topics:
          - international-standardization
        ---

        The standards week ran for three days. See the [ISO page](../../organizations/iso.md).
        """,
    "organizations/test-standards-committee.md": """
        ---
        name: Test Standards Committee
        short_name: TSC
        aliases:
          - Test committee on standards
        kind: committee
        parent: iso
        country: "CH"
        website: https://example.org/tsc
        ---

        A committee that exists only in the tests.
        """,
    f"events/{MULTI_DAY_ID}.md": """
        ---
        title: Test standards week 2019
        date: "2019-03-05"
        end: "2019-03-07"
        kind: conference
        place: pudong-new-area
        organizations:
          - iso
          - smbqts
        summary: A three-day test conference.
        ---

        Three days of talks.
        """,
}


@dataclass(frozen=True)
class Built:
    site: Path  # first build
    again: Path  # second build of the same files
    content: Path
    catalog: Catalog
    log: str  # stderr of the first build


_CACHE: dict[str, Built] = {}


@pytest.fixture(scope="session")
def url_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if "built" not in _CACHE:
        project = tmp_path_factory.mktemp("url-site")
        content = write_tree(copy_content(project / "content"), EXTRA)
        config = write_config(project, content, site_url=SITE_URL)
        first = mkdocs_build(config, project / "site")
        assert first.returncode == 0, first.stderr[-5000:]
        second = mkdocs_build(config, project / "site-again")
        assert second.returncode == 0, second.stderr[-5000:]
        result = build_catalog(content)
        assert result.ok
        _CACHE["built"] = Built(project / "site", project / "site-again", content, result.catalog, first.stderr)
    return _CACHE["built"]
