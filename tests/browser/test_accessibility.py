"""Issues 5 and 15: axe-core finds no serious or critical accessibility violation on any page type, in both palettes.

A content-agnostic check (marker ``live``): it runs on the live site, whatever it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.graph import Catalog

from .support import Reader

pytestmark = [pytest.mark.browser, pytest.mark.live]

SEVERE = {"serious", "critical"}


def severe_violations(reader: Reader, axe_script: Path) -> list[dict[str, Any]]:
    # Run as the debugger runs it: a <script> tag would be (rightly) refused by the page's policy.
    reader.page.evaluate(axe_script.read_text(encoding="utf-8") + "\n;undefined")
    violations = reader.page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [" ".join(n["target"]) for n in v["nodes"]][:5]}
        for v in violations if v["impact"] in SEVERE
    ]


FIXED_PAGES = ["", "news/", "timeline/", "organizations/", "events/", "people/", "places/", "topics/", "about/",
               "contribute/", "contribute/fields/", "api/", "404.html"]


def page_types(catalog: Catalog) -> list[str]:
    """One page of every type the content has: home, news and a year of it, an article (one with organizations
    if there is one), the timeline and a year of it, each index, one page of each entity type, about,
    contribute, the field reference and the API page."""
    article = next((a for a in catalog.article_list if a.organizations), next(iter(catalog.article_list), None))
    urls = [*FIXED_PAGES]
    urls += [f"news/{article.year}/", article.url] if article else []
    urls += [f"timeline/{catalog.event_list[-1].date.year}/"] if catalog.events else []
    for table in (catalog.organizations, catalog.events, catalog.people, catalog.places, catalog.topics):
        urls += [next(iter(table.values())).url] if table else []
    return urls


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_severe_violations(open_reader: Callable[..., Reader], catalog: Catalog,
                                                  axe_script: Path, scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    found = {}
    for url in page_types(catalog):
        reader.goto(url)
        found[url] = severe_violations(reader, axe_script)
    assert len(found) >= len(FIXED_PAGES)
    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_severe_violations(open_reader: Callable[..., Reader], catalog: Catalog,
                                                  axe_script: Path, scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    reader.goto("")
    # A word every content has a page for: the first word of the newest article's title, or the site's name.
    query = catalog.article_list[0].title.split()[0] if catalog.articles else "Standards"
    assert reader.search(query)
    assert severe_violations(reader, axe_script) == []
