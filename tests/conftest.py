"""Session fixtures: each site is built once and shared by every test that reads it.

Two kinds of site (README, "Testing"):

- the **fixture site** (``fixture_site``, ``fixture_plain_site``): tests/fixtures/content plus generated
  articles (tests/fixture_site.py), for behaviour tests that expect particular pages, dates and rankings;
- the **live site** (``built_site``, ``live_url_site``): the repository's own content/ (or the copy named
  by ``PORTAL_TEST_ROOT``), for the content-agnostic invariants, marked ``live``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.catalog.graph import Catalog
from generator.pipeline import build_catalog

from .fixture_site import SITE_URL, Built, build, write_fixture_content
from .helpers import mkdocs_build
from .live import LIVE_CONFIG, LIVE_CONTENT, write_live_config
from .shared import once, shared_folder


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "live: a content-agnostic invariant checked on the live content (PORTAL_TEST_ROOT or content/)")
    config.addinivalue_line("markers", "seeds: a live test that needs the seed reports (tests/data/seeds/) in content/")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups into the test ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`: -n 2 --dist loadgroup) the browser tests run one after another on one
    worker, so each reuses that worker's served sites and Chromium, and Lighthouse never shares Chromium's
    renderer with a second browser test; every other test goes to whichever worker is free (grouping them
    by module, too, was tried: a module's site is built once, but the run took 14 % longer, the last large
    modules left to one worker)."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


# --- the fixture site ---------------------------------------------------------------------------


@functools.cache
def _catalog(content: Path) -> Catalog:
    result = build_catalog(content)
    assert result.ok, result.report.summary()
    return result.catalog


def _shared_build(factory: pytest.TempPathFactory, project: Path, content: Path, site_url: str | None) -> Built:
    """``content`` built in ``project`` (tests/shared.py): once per run, not once per worker. The fixture site
    is built beside its content, so its log names files as an editor's build does, content/…"""
    log = project / "build.log"

    def make() -> None:
        built = build(project, content, site_url)
        log.write_text(built.log, encoding="utf-8")

    once(factory, f"build-{project.name}", make)
    return Built(project / "site", content, _catalog(content), log.read_text(encoding="utf-8"),
                 project / "mkdocs.yml")


@pytest.fixture(scope="session")
def fixture_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/fixtures/content with the generated articles; shared, so never modify it."""
    return shared_folder(tmp_path_factory, "fixture", lambda folder: write_fixture_content(folder / "content")) \
        / "content"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory, fixture_content: Path) -> Built:
    """The fixture content built with ``site_url`` set (so RSS, Atom and absolute URLs are written)."""
    return _shared_build(tmp_path_factory, fixture_content.parent, fixture_content, SITE_URL)


@pytest.fixture(scope="session")
def fixture_rebuild(tmp_path_factory: pytest.TempPathFactory, fixture_content: Path) -> Built:
    """A second build of the same fixture files, for the byte-identity tests."""
    return _shared_build(tmp_path_factory, fixture_content.parent / "again", fixture_content, SITE_URL)


@pytest.fixture(scope="session")
def fixture_plain_site(tmp_path_factory: pytest.TempPathFactory, fixture_content: Path) -> Built:
    """The fixture content built without ``site_url``, as a site served anywhere (and by the browser tests)."""
    plain = shared_folder(tmp_path_factory, "fixture-plain", lambda folder: None)
    return _shared_build(tmp_path_factory, plain, fixture_content, None)


@pytest.fixture(scope="session")
def fixture_catalog(fixture_content: Path) -> Catalog:
    """The fixture content's catalog (no build needed)."""
    return _catalog(fixture_content)


# --- the live site ------------------------------------------------------------------------------


def _live_build(factory: pytest.TempPathFactory, name: str, config: Callable[[Path], Path]) -> Built:
    """The live content built with ``config(project)`` and ``mkdocs build --strict``, once per run."""
    def make(project: Path) -> None:
        path = config(project)
        done = mkdocs_build(path, project / "site")
        assert done.returncode == 0, done.stderr[-5000:]
        (project / "build.log").write_text(done.stderr, encoding="utf-8")
        (project / "config.path").write_text(str(path), encoding="utf-8")

    project = shared_folder(factory, name, make)
    log = (project / "build.log").read_text(encoding="utf-8")
    path = Path((project / "config.path").read_text(encoding="utf-8"))
    return Built(project / "site", LIVE_CONTENT, _catalog(LIVE_CONTENT), log, path)


@pytest.fixture(scope="session")
def live_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The live content built with its own mkdocs.yml and ``mkdocs build --strict``."""
    return _live_build(tmp_path_factory, "live-site", lambda project: LIVE_CONFIG)


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
    return _live_build(tmp_path_factory, "live-url",
                       lambda project: write_live_config(project, site_url=SITE_URL))
