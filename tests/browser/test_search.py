"""Issues 5 and 16: a reader who remembers only a short name, a person, a Chinese name or an event finds it in
one search, through the Pagefind index in Material's search box.

Ranking promises are checked on a small content tree made for them (below), where articles mention each
entity more often than the entity's own page does; on the real site only content-agnostic invariants run.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from generator.catalog.graph import Catalog
from generator.outputs.api import endpoints
from generator.outputs.search import INDEXED, han_suffixes
from generator.pages.plan import plan
from generator.pipeline import build_catalog

from ..helpers import mkdocs_build, write_config, write_tree
from .support import SEARCH_BOX, Reader

pytestmark = pytest.mark.browser

_ARTICLE = """\
---
title: {title}
date: "{date}"
summary: {summary}
source:
  name: Example Daily
organizations: [{orgs}]
people: [{people}]
places: [{places}]
events: [{events}]
topics: [{topics}]
---

{body}
"""

FIXTURE = {
    "index.md": "# Home\n",
    "topics.yml": "standardization:\n  name: Standardization\n  description: Making and using standards.\n",
    "organizations/smbqts.md": """\
        ---
        name: Shanghai Municipal Bureau of Quality and Technical Supervision
        short_name: SMBQTS
        aliases:
          - Shanghai Quality Bureau
        name_zh: 上海市质量技术监督局
        kind: government-agency
        place: shanghai
        ---
        """,
    "organizations/cnca.md": """\
        ---
        name: Certification and Accreditation Administration
        short_name: CNCA
        name_zh: 国家认证认可监督管理委员会
        kind: government-agency
        ---
        """,
    "organizations/shanghai-government.md": """\
        ---
        name: Shanghai Municipal People's Government
        name_zh: 上海市人民政府
        kind: government
        place: shanghai
        ---
        """,
    "people/kuang-bing.md": "---\nname: Kuang Bing\nname_zh: 匡兵\nroles:\n  - title: director\n"
                            "    organization: smbqts\n---\n",
    "places/china.md": "---\nname: China\nname_zh: 中国\nkind: country\n---\n",
    "places/shanghai.md": "---\nname: Shanghai\nname_zh: 上海\nkind: municipality\nparent: china\n---\n",
    "events/world-standards-day-2018.md": """\
        ---
        title: World Standards Day 2018
        date: "2018-10-14"
        kind: observance
        place: shanghai
        organizations: [smbqts]
        ---
        """,
    # Articles that say each name more often than the entity's own page does.
    "news/2018/smbqts-and-cnca-sign.md": _ARTICLE.format(
        title="SMBQTS and CNCA sign a certification agreement in Shanghai", date="2018-03-02",
        summary="SMBQTS and CNCA agreed on certification in Shanghai.", orgs="smbqts, cnca",
        people="kuang-bing", places="shanghai", events="", topics="standardization",
        body="SMBQTS (上海市质量技术监督局) and CNCA signed. Kuang Bing of SMBQTS said SMBQTS and CNCA would "
             "work in Shanghai (上海). SMBQTS, CNCA, SMBQTS."),
    "news/2018/world-standards-day-in-shanghai.md": _ARTICLE.format(
        title="World Standards Day celebrated in Shanghai", date="2018-10-15",
        summary="Shanghai marked World Standards Day with SMBQTS.", orgs="smbqts, shanghai-government",
        people="", places="shanghai", events="world-standards-day-2018", topics="standardization",
        body="World Standards Day was marked in Shanghai and across China. World Standards Day talks by "
             "SMBQTS in 上海."),
    "news/2019/kuang-bing-visits.md": _ARTICLE.format(
        title="Kuang Bing visits a standards centre", date="2019-05-06",
        summary="Kuang Bing visited a standards centre in Shanghai.", orgs="smbqts",
        people="kuang-bing", places="shanghai", events="", topics="",
        body="Kuang Bing, director of SMBQTS, visited. Kuang Bing said standards matter. Kuang Bing."),
}


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("search-fixture")
    content = write_tree(project / "content", FIXTURE)
    config = write_config(project, content, nav=[{"Home": "index.md"}])
    result = mkdocs_build(config)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


@pytest.fixture(scope="module")
def fixture_catalog(fixture_project: Path) -> Catalog:
    result = build_catalog(fixture_project / "content")
    assert result.ok, result.report.summary()
    return result.catalog


@pytest.fixture(scope="module")
def fixture_url(fixture_project: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(fixture_project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_fixture_reader(browser: Browser, fixture_url: str) -> Iterator[Callable[..., Reader]]:
    contexts = []

    def make(**options: Any) -> Reader:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        reader = Reader(context.new_page(), fixture_url)
        reader.goto("")
        return reader

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def fx(open_fixture_reader: Callable[..., Reader]) -> Reader:
    return open_fixture_reader()


def _url(catalog: Catalog, kind: str, id_: str) -> str:
    return getattr(catalog, kind)[id_].url


# -- ranking promises, on the fixture ---------------------------------------------------------------------


@pytest.mark.parametrize("query, org", [("SMBQTS", "smbqts"), ("CNCA", "cnca")])
def test_short_name_finds_the_organization_first(fx: Reader, fixture_catalog: Catalog, query: str, org: str) -> None:
    results = fx.search(query)
    assert results[:1] == [_url(fixture_catalog, "organizations", org)], results
    assert fx.problems == []


def test_person_first_and_the_articles_that_name_them(fx: Reader, fixture_catalog: Catalog) -> None:
    person = fixture_catalog.people["kuang-bing"]
    results = fx.search("Kuang Bing")
    assert results[0] == person.url, results
    assert {a.url for a in person.articles} <= set(results), results


def test_chinese_name_finds_its_page_first(fx: Reader, fixture_catalog: Catalog) -> None:
    results = fx.search("上海")
    assert results[:1] == [_url(fixture_catalog, "places", "shanghai")], results


def test_event_name_finds_the_event_first(fx: Reader, fixture_catalog: Catalog) -> None:
    results = fx.search("World Standards Day")
    assert results[0] == _url(fixture_catalog, "events", "world-standards-day-2018"), results


def test_every_name_of_every_entity_finds_its_page_first(fx: Reader, fixture_catalog: Catalog) -> None:
    """Name, short name, aliases and Chinese name of organizations, people, places, events and topics."""
    missed = []
    for node in _entities(fixture_catalog):
        for name in _all_names(node):
            results = fx.search(name)
            if results[:1] != [node.url]:
                missed.append((name, node.url, results[:3]))
    assert missed == [], "\n".join(map(str, missed))


def test_words_inside_chinese_names_find_the_page(fx: Reader, fixture_catalog: Catalog) -> None:
    """质量技术监督局 is inside 上海市质量技术监督局: it finds SMBQTS, though Pagefind indexes the site as English."""
    assert fx.search("质量技术监督局")[:1] == [_url(fixture_catalog, "organizations", "smbqts")]
    missed = []
    for node in _entities(fixture_catalog):
        zh = getattr(node, "name_zh", None)
        for word in [w for w in han_suffixes([zh or ""]) if len(w) >= 2] + ([zh[:2]] if zh else []):
            if node.url not in (results := fx.search(word)):
                missed.append((word, node.url, results[:3]))
    assert missed == [], "\n".join(map(str, missed))


def test_results_show_kind_date_and_an_excerpt(fx: Reader, fixture_catalog: Catalog) -> None:
    fx.search("certification agreement")
    first = fx.page.locator(".md-search-result__item").first
    article = fixture_catalog.articles["2018/smbqts-and-cnca-sign"] if "2018/smbqts-and-cnca-sign" in \
        fixture_catalog.articles else next(a for a in fixture_catalog.articles.values() if "CNCA" in a.title)
    assert first.locator("a").get_attribute("href", timeout=5000).strip("/").endswith(article.url.strip("/"))
    expect(first.locator(".portal-search__kind")).to_have_text(f"Article · {article.date.display()}")
    expect(first.locator("mark").first).to_be_visible()  # the excerpt marks the words found


def test_filters_narrow_the_results_by_kind_organization_topic_and_year(fx: Reader, fixture_catalog: Catalog) -> None:
    everything = fx.search("Shanghai")
    assert len(everything) > 3
    panel = fx.page.locator(".portal-search__filters")
    panel.locator("summary").click()
    kind = panel.locator("select[data-facet=kind]")
    expect(kind.locator("option[value=Organization]")).to_have_count(1)
    meta = fx.page.locator(".md-search-result__meta")

    def narrowed(facet: str, value: str) -> list[str]:
        before = meta.text_content()
        panel.locator(f"select[data-facet={facet}]").select_option(value)
        expect(meta).not_to_have_text(before or "")
        return fx.link_paths(".md-search-result__item > a.md-search-result__link")

    orgs = {o.url for o in fixture_catalog.organizations.values()}
    only_orgs = narrowed("kind", "Organization")
    assert only_orgs and set(only_orgs) <= orgs and set(only_orgs) < set(everything)
    panel.locator("select[data-facet=kind]").select_option("Article")
    expect(meta).to_contain_text("matching document")
    in_2019 = narrowed("year", "2019")
    assert in_2019 == [a.url for a in fixture_catalog.articles.values() if a.date.year == 2019]


def test_the_keyboard_shortcut_opens_the_search_box(fx: Reader) -> None:
    fx.page.keyboard.press("/")
    expect(fx.page.locator(SEARCH_BOX)).to_be_focused()
    assert fx.page.locator("#__search").is_checked()
    fx.page.keyboard.press("Escape")
    assert not fx.page.locator("#__search").is_checked()


def test_search_works_on_a_phone_in_the_dark_palette(open_fixture_reader: Callable[..., Reader],
                                                     fixture_catalog: Catalog) -> None:
    phone = open_fixture_reader(viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True,
                                has_touch=True)
    assert phone.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    phone.page.locator("label.md-header__button[for='__search']").click()  # the box opens over the page
    expect(phone.page.locator(SEARCH_BOX)).to_be_in_viewport()
    results = phone.search("SMBQTS")
    assert results[:1] == [_url(fixture_catalog, "organizations", "smbqts")]
    title = phone.page.locator(".md-search-result__article h1").first
    # Material's variables colour the result: light text on the dark palette.
    color = title.evaluate("el => getComputedStyle(el).color")
    assert _luminance(color) > 0.5, color
    # Material scales its search overlay 45x on phones (wider than the screen) and locks the page 400 ms
    # after the box opens; measure the settled page a reader scrolls, not that transition.
    expect(phone.page.locator("body[data-md-scrolllock]")).to_have_count(1)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    # One read of every result's box: the list may be redrawn between separate element queries.
    boxes = phone.page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')]
        .map(item => { const r = item.getBoundingClientRect(); return [r.left, r.right]; })""")
    assert boxes and all(left >= 0 and right <= 390 for left, right in boxes), boxes


def test_listing_pages_are_never_indexed(fx: Reader, fixture_catalog: Catalog) -> None:
    listings = {spec.url for spec in plan(fixture_catalog, endpoints(fixture_catalog))
                if spec.kind not in INDEXED or not spec.search}
    assert {"news/", "organizations/", ""} <= listings
    for query in ["Shanghai", "2018", "News", "Organizations", "Home"]:
        assert not set(fx.search(query)) & listings, query


# -- the real site: invariants that hold for any content --------------------------------------------------


@pytest.fixture(scope="module")
def live_catalog() -> Catalog:
    from ..helpers import CONTENT

    result = build_catalog(CONTENT)
    assert result.ok
    return result.catalog


def test_every_entity_name_finds_its_own_page_first_on_the_real_site(reader: Reader, live_catalog: Catalog) -> None:
    names: dict[str, list[str]] = {}
    for node in _entities(live_catalog):
        for name in _all_names(node):
            names.setdefault(name, []).append(node.url)
    reader.goto("")
    missed = [(name, urls[0], results[:3]) for name, urls in names.items()
              if len(urls) == 1 and (results := reader.search(name))[:1] != urls]
    assert missed == [], "\n".join(map(str, missed))


def test_listings_never_appear_on_the_real_site(reader: Reader, live_catalog: Catalog) -> None:
    listings = {spec.url for spec in plan(live_catalog, endpoints(live_catalog))
                if spec.kind not in INDEXED or not spec.search}
    words = {w for a in list(live_catalog.articles.values())[:5] for w in a.title.split()[:2]}
    reader.goto("")
    for query in sorted(words | {"News", "Organizations", "Timeline"}):
        assert not set(reader.search(query)) & listings, query


# -- helpers ----------------------------------------------------------------------------------------------


def _entities(catalog: Catalog) -> list[Any]:
    return [*catalog.organizations.values(), *catalog.people.values(), *catalog.places.values(),
            *catalog.events.values(), *catalog.topics.values()]


def _all_names(node: Any) -> list[str]:
    names = [getattr(node, "name", None) or getattr(node, "title", None), getattr(node, "short_name", None),
             *getattr(node, "aliases", []), getattr(node, "name_zh", None)]
    return [n for n in dict.fromkeys(names) if n]


def _luminance(css: str) -> float:
    r, g, b = (int(float(v)) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_excerpts_never_show_the_words_indexed_for_parts_of_names(fx: Reader, fixture_catalog: Catalog) -> None:
    """Issue 23: '上海市质量技术监督局. 海市质量技术监督局 市质量技术监督局 …' read like noise; the suffixes
    stay in the index (they find the page) and out of what the reader sees."""
    smbqts = _url(fixture_catalog, "organizations", "smbqts")
    for query in ("质量技术监督局", "SMBQTS", "上海"):
        results = fx.search(query)
        assert smbqts in results, query
        item = fx.page.locator(".md-search-result__item").nth(results.index(smbqts))
        words = set(re.split(r"[\s·.,;:()]+", item.locator("article > p").last.inner_text()))
        leaked = words & set(han_suffixes([fixture_catalog.organizations["smbqts"].name_zh or ""]))
        assert not leaked, (query, leaked)
