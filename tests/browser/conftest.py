"""Browser fixtures: a built site served over http and read in Chromium.

Two sites, each built once: the live site (`built_site`: `site_url`, `open_reader`, `reader`, `catalog`)
for the content-agnostic checks marked ``live`` (axe, phone width), and the fixture site
(`fixture_plain_site`: `fixture_site_url`, `fixture_open_reader`, `fixture_reader`, `fixture_catalog`) for
behaviour that expects particular articles, organizations and events.

Material's search runs in a web worker, which needs the site served over http, so a stdlib
server thread serves the build on 127.0.0.1 at a free port. Chromium is Debian's package
(`make tools`); without it the browser tests skip locally and fail on CI.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from generator.catalog.graph import Catalog

from ..fixture_site import Built
from ..helpers import ROOT
from .support import Reader

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
ON_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def require(present: bool, what: str) -> None:
    """Skip when a browser tool is missing on a developer machine; on CI that is a failure."""
    if present:
        return
    message = f"{what} is missing: run `make tools` (README, 'Testing')"
    if ON_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The live site."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def fixture_site_url(fixture_plain_site: Built) -> Iterator[str]:
    """The fixture site, built without site_url so it works at any address."""
    yield from serve(fixture_plain_site.site)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), f"Chromium ({CHROMIUM})")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def catalog(live_catalog: Catalog) -> Catalog:
    """The live content's catalog."""
    return live_catalog


def _readers(browser: Browser, base: str) -> Iterator[Callable[..., Reader]]:
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Reader:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return Reader(context.new_page(), base)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def open_reader(browser: Browser, site_url: str) -> Iterator[Callable[..., Reader]]:
    """Factory, on the live site: a fresh browser context (own storage, viewport, scheme, JavaScript) with one tab."""
    yield from _readers(browser, site_url)


@pytest.fixture
def fixture_open_reader(browser: Browser, fixture_site_url: str) -> Iterator[Callable[..., Reader]]:
    """The same factory on the fixture site."""
    yield from _readers(browser, fixture_site_url)


@pytest.fixture
def reader(open_reader: Callable[..., Reader]) -> Reader:
    """A desktop reader of the live site with the light scheme and JavaScript on."""
    return open_reader()


@pytest.fixture
def fixture_reader(fixture_open_reader: Callable[..., Reader]) -> Reader:
    """A desktop reader of the fixture site with the light scheme and JavaScript on."""
    return fixture_open_reader()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    require(AXE.is_file(), f"axe-core ({AXE.relative_to(ROOT)})")
    return AXE
