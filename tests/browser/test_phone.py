"""Issue 5: on a phone (390×844) no page scrolls sideways and the navigation drawer opens.

A content-agnostic check (marker ``live``) on the live site; the fixture's longest names and tables are
checked too.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from generator.catalog.graph import Catalog

from .. import fixture_site as fx
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


def pages_to_check(catalog: Catalog) -> list[str]:
    """Home, timeline, the newest article and the organization with most articles and events, if any."""
    urls = ["", "timeline/", "organizations/"]
    urls += [catalog.article_list[0].url] if catalog.articles else []
    if catalog.organizations:
        urls.append(max(catalog.organizations.values(), key=lambda o: len(o.articles) + len(o.events)).url)
    return urls


def assert_no_sideways_scroll(phone: Reader, urls: list[str]) -> None:
    for url in urls:
        page = phone.goto(url)
        page.wait_for_load_state("load")
        layout = page.evaluate(OVERFLOW)
        assert layout["scroll"] <= layout["width"], (url, layout)
        before = page.evaluate("window.scrollX")
        page.mouse.wheel(600, 0)  # a sideways swipe does not move the page
        assert page.evaluate("window.scrollX") == before == 0, url
    assert phone.problems == []


@pytest.mark.live
def test_no_page_scrolls_sideways(phone: Reader, catalog: Catalog) -> None:
    assert_no_sideways_scroll(phone, pages_to_check(catalog))


def test_no_fixture_page_scrolls_sideways(fixture_open_reader: Callable[..., Reader],
                                          fixture_catalog: Catalog) -> None:
    urls = [*pages_to_check(fixture_catalog), fixture_catalog.articles[fx.TRICKY_ID].url, "api/",
            "contribute/fields/", f"people/{fx.PERSON_ID}/", "news/page/2/"]
    assert_no_sideways_scroll(fixture_open_reader(**PHONE), urls)


@pytest.mark.live
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


# Each field name in the reference tables: the lines it is drawn on, and whether a line ends inside a word
# (a break anywhere but right after "_" splits a word).
FIELD_LINES = """() => [...document.querySelectorAll("td:first-child > code")].map(code => {
  const range = document.createRange();
  const lines = [];
  for (const node of code.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      if (!lines.length || lines[lines.length - 1].top !== top) lines.push({top, text: ""});
      lines[lines.length - 1].text += node.data[i];
    }
  }
  return lines.map(l => l.text);
})"""


@pytest.mark.live
@pytest.mark.parametrize("url", ["contribute/fields/", "api/"])
def test_field_names_never_break_inside_a_word_on_a_phone(phone: Reader, url: str) -> None:
    """Issue 23: `same_as` may wrap as `same_` / `as` in a narrow column; `organizations` never as `organizat` /
    `ions`."""
    page = phone.goto(url)
    page.wait_for_load_state("load")
    names = page.evaluate(FIELD_LINES)
    assert len(names) > 20  # the tables were read
    split = [lines for lines in names if any(not line.endswith("_") for line in lines[:-1])]
    assert split == []
    assert phone.problems == []
