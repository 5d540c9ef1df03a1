"""The second runner (docs/platform.md): ProperDocs, the maintained fork of MkDocs 1.x, builds the fixture
site from the same mkdocs.yml, plugin and theme into the same files, byte for byte, except for one
documented difference: the generator meta tag names the runner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..fixture_site import SITE_URL, Built, build

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2"> under MkDocs,
# <meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"> under ProperDocs.
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-(?:ProperDocs )?[0-9.]+, ')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(fixture_site: Built) -> Built:
    return build(fixture_site.content.parent / "properdocs", fixture_site.content, SITE_URL, runner="properdocs")


def test_properdocs_builds_the_same_site(fixture_site: Built, properdocs_site: Built) -> None:
    ours, theirs = _files(fixture_site.site), _files(properdocs_site.site)
    assert sorted(theirs) == sorted(ours)
    differ = sorted(name for name in ours if ours[name] != theirs[name])
    assert differ, "ProperDocs names itself in the generator tag: a run that differs nowhere built nothing new"
    for name in differ:
        assert name.endswith(".html"), name
        assert GENERATOR.sub(b"", ours[name]) == GENERATOR.sub(b"", theirs[name]), name
    assert b"mkdocs-ProperDocs " in theirs["index.html"]
