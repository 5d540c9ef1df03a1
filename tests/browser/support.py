"""A reader's tab: navigation that records every console error and failed request, and Material's search."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

from playwright.sync_api import ConsoleMessage, Page, Request, Response, expect

SEARCH_BOX = "input.md-search__input"
SEARCH_META = ".md-search-result__meta"
SEARCH_RESULTS = ".md-search-result__item > a.md-search-result__link"


class Reader:
    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.problems: list[str] = []  # console errors, uncaught exceptions, failed or 4xx/5xx requests
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not _sitemap_probe(message.location.get("url", ""), 404):
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _failed(self, request: Request) -> None:
        # ERR_ABORTED: the browser cancelled the request because the test moved on to the next page
        # (Material fetches sitemap.xml in the background). A missing file still shows up as an
        # HTTP error in _response, and any other network failure is reported here.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not _sitemap_probe(response.url, response.status):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    # -- navigation -------------------------------------------------------------------------------
    def url(self, site_url: str) -> str:
        """Absolute address of a site-relative URL such as 'organizations/smbqts/'."""
        return urljoin(self.base, site_url)

    def goto(self, site_url: str) -> Page:
        response = self.page.goto(self.url(site_url))
        assert response is not None and response.ok, f"{site_url}: HTTP {response.status if response else '?'}"
        return self.page

    @property
    def path(self) -> str:
        """Site-relative path of the current page, like 'organizations/smbqts/'."""
        return urlparse(self.page.url).path.lstrip("/")

    def link_paths(self, selector: str) -> list[str]:
        """Site-relative paths of the links matching ``selector``, in document order."""
        hrefs = self.page.eval_on_selector_all(selector, "els => els.map(a => a.href)")
        return [urlparse(href).path.lstrip("/") for href in hrefs]

    # -- search --------------------------------------------------------------------------------------
    def search(self, query: str) -> list[str]:
        """Type ``query`` into Material's search box and return the result pages, best first.

        The text is entered at once and followed by a key release (Material reads the box on keyup), as
        an input method commits Chinese text: one query, so no results of a half-typed word can be read.
        """
        box = self.page.locator(SEARCH_BOX)
        meta = self.page.locator(SEARCH_META)
        if not box.is_visible():  # narrow screens hide the box behind the search button
            self.page.locator("label.md-header__button[for='__search']").click()
        box.click()
        box.fill("")
        box.press("End")
        expect(meta).to_contain_text("Type to start searching")  # the worker has loaded the index
        box.fill(query)
        box.press("End")
        expect(meta).to_contain_text("matching document")  # "N matching documents" or "No matching documents"
        return self.link_paths(SEARCH_RESULTS)


def _sitemap_probe(url: str, status: int) -> bool:
    """Material takes every <link rel="alternate"> for another language of the site and fetches the
    sitemap.xml beside it; an entity's own feed link (feed.json in the entity's folder) therefore makes
    it ask for a sitemap that cannot exist there. Nothing breaks for the reader (Material ignores the
    failure) and the link must stay for feed discovery, so only this 404 is tolerated."""
    return status == 404 and urlparse(url).path.endswith("/sitemap.xml") and urlparse(url).path != "/sitemap.xml"
