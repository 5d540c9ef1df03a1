"""Session fixtures: each site is built once and shared by every test that reads it.

Two kinds of site (README, "Testing"):

- the **fixture site** (``fixture_site``, ``fixture_plain_site``): tests/fixtures/content plus generated
  articles (tests/fixture_site.py), for behaviour tests that expect particular pages, dates and rankings;
- the **live site** (``built_site``, ``live_url_site``): the repository's own content/ (or the copy named
  by ``PORTAL_TEST_ROOT``), for the content-agnostic invariants, marked ``live``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.graph import Catalog
from generator.pipeline import build_catalog

from .fixture_site import SITE_URL, Built, build, write_fixture_content
from .helpers import mkdocs_build
from .live import LIVE_CONFIG, LIVE_CONTENT, write_live_config


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "live: a content-agnostic invariant checked on the live content (PORTAL_TEST_ROOT or content/)")
    config.addinivalue_line("markers", "seeds: a live test that needs the seed reports (tests/data/seeds/) in content/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`: -n 2 --dist loadgroup) the browser tests run one after another on one
    worker, so each reuses that worker's served sites and Chromium, and Lighthouse never shares Chromium's
    renderer with a second browser test; every other test goes to whichever worker is free."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


# --- the fixture site ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fixture_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/fixtures/content with the generated articles; shared, so never modify it."""
    return write_fixture_content(tmp_path_factory.mktemp("fixture") / "content")


@pytest.fixture(scope="session")
def fixture_site(fixture_content: Path) -> Built:
    """The fixture content built with ``site_url`` set (so RSS, Atom and absolute URLs are written)."""
    return build(fixture_content.parent, fixture_content, SITE_URL)


@pytest.fixture(scope="session")
def fixture_rebuild(fixture_site: Built) -> Built:
    """A second build of the same fixture files, for the byte-identity tests."""
    return build(fixture_site.content.parent / "again", fixture_site.content, SITE_URL)


@pytest.fixture(scope="session")
def fixture_plain_site(tmp_path_factory: pytest.TempPathFactory, fixture_content: Path) -> Built:
    """The fixture content built without ``site_url``, as a site served anywhere (and by the browser tests)."""
    return build(tmp_path_factory.mktemp("fixture-plain"), fixture_content, None)


@pytest.fixture(scope="session")
def fixture_catalog(fixture_content: Path) -> Catalog:
    """The fixture content's catalog (no build needed)."""
    result = build_catalog(fixture_content)
    assert result.ok, result.report.summary()
    return result.catalog


# --- the live site ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The live content built with its own mkdocs.yml and ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(LIVE_CONFIG, site)
    assert result.returncode == 0, result.stderr[-5000:]
    catalog = build_catalog(LIVE_CONTENT)
    assert catalog.ok, catalog.report.summary()
    return Built(site, LIVE_CONTENT, catalog.catalog, result.stderr, LIVE_CONFIG)


@pytest.fixture(scope="session")
def built_site(live_build: Built) -> Path:
    """The live site's folder (kept under this name for the tests that only need the files)."""
    return live_build.site


@pytest.fixture(scope="session")
def live_catalog(live_build: Built) -> Catalog:
    return live_build.catalog


@pytest.fixture(scope="session")
def live_url_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The live content built with ``site_url`` set: its feeds, calendars, API and JSON-LD."""
    project = tmp_path_factory.mktemp("live-url")
    done = mkdocs_build(write_live_config(project, site_url=SITE_URL), project / "site")
    assert done.returncode == 0, done.stderr[-5000:]
    catalog = build_catalog(LIVE_CONTENT)
    assert catalog.ok, catalog.report.summary()
    return Built(project / "site", LIVE_CONTENT, catalog.catalog, done.stderr, project / "mkdocs.yml")
