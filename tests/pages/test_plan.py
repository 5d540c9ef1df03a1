"""The pages stage alone: what plan() makes of a small catalog, pagination windows and address collisions."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.build import build
from generator.catalog.graph import Catalog
from generator.diagnostics import Report
from generator.load.documents import load_tree
from generator.pages.collisions import collisions
from generator.pages.plan import PER_PAGE, PageSpec, Pagination, plan
from generator.validate.entries import validate

from ..helpers import write_tree


def catalog_of(root: Path, files: dict[str, str]) -> Catalog:
    report = Report()
    cat = build(validate(load_tree(write_tree(root / "content", files), report), report))
    assert not report.errors, report.errors
    return cat


def article(n: int) -> str:
    return f"---\ntitle: Story {n}\ndate: 2020-01-{n % 28 + 1:02d}\nsummary: S.\nsource:\n  name: Daily\n---\nText.\n"


def test_every_node_gets_its_page_and_the_api_page_gets_the_endpoints_given(tmp_path: Path) -> None:
    cat = catalog_of(tmp_path, {
        "index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "news/2020/one.md": article(1),
        "organizations/acme.md": "---\nname: Acme\n---\n",
    })
    marker = object()
    specs = plan(cat, [marker])
    by_url = {s.url: s for s in specs}
    assert len(by_url) == len(specs)  # no two pages share an address
    assert by_url["news/2020/one/"].node is cat.articles["2020/one"]
    assert by_url["organizations/acme/"].node is cat.organizations["acme"]
    assert by_url[""].template == "home.html"
    assert by_url["api/"].data.endpoints == [marker]
    assert collisions(specs) == []


def test_news_is_paginated(tmp_path: Path) -> None:
    cat = catalog_of(tmp_path, {f"news/2020/s{n}.md": article(n) for n in range(PER_PAGE + 1)})
    news = [s for s in plan(cat, []) if s.url.startswith("news/") and s.kind == "listing"
            and s.url.count("/") <= 3 and not s.url.startswith("news/2020")]
    assert [s.url for s in news] == ["news/", "news/page/2/"]
    assert [len(s.items) for s in news] == [PER_PAGE, 1]


def test_pagination_window_links_first_last_and_neighbours() -> None:
    urls = [f"p{n}/" for n in range(1, 11)]
    assert Pagination(5, 10, urls).window() == [(1, "p1/"), None, (3, "p3/"), (4, "p4/"), (5, "p5/"),
                                                (6, "p6/"), (7, "p7/"), None, (10, "p10/")]
    assert Pagination(1, 10, urls).previous is None and Pagination(10, 10, urls).next is None


def test_two_pages_at_one_address_are_one_error_naming_both() -> None:
    first, second = PageSpec("about.md", "page.html", "About", "page"), PageSpec("about/index.md", "page.html",
                                                                                   "About too", "page")
    (error,) = collisions([first, second])
    assert error.code == "duplicate-url" and "/about/" in error.message
    assert "About" in error.message and "About too" in error.message
