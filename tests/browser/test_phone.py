"""Issue 5: on a phone (390×844) no page scrolls sideways and the navigation drawer opens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from generator.catalog import Catalog

from .support import Reader

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}

# Elements sticking out to the right of the viewport, for the failure message (scroll containers excepted).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      let scroller = false;
      for (let p = el.parentElement; p; p = p.parentElement)
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) { scroller = true; break; }
      if (!scroller) wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)}px)`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def phone(open_reader: Callable[..., Reader]) -> Reader:
    return open_reader(**PHONE)


def test_no_page_scrolls_sideways(phone: Reader, catalog: Catalog) -> None:
    article = catalog.article_list[0]
    organization = max(catalog.organizations.values(), key=lambda o: len(o.articles) + len(o.events))
    for url in ["", article.url, "timeline/", organization.url]:
        page = phone.goto(url)
        page.wait_for_load_state("load")
        layout = page.evaluate(OVERFLOW)
        assert layout["scroll"] <= layout["width"], (url, layout)
        before = page.evaluate("window.scrollX")
        page.mouse.wheel(600, 0)  # a sideways swipe does not move the page
        assert page.evaluate("window.scrollX") == before == 0, url
    assert phone.problems == []


def test_navigation_drawer_opens(phone: Reader) -> None:
    page = phone.goto("")
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()
    link = drawer.locator(".md-nav__link", has_text="Timeline").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(phone.url("timeline/"))
