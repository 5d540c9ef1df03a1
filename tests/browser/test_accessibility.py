"""Issue 5: axe-core finds no serious or critical accessibility violation on the pages readers use most.

A content-agnostic check (marker ``live``): it runs on the live site, whatever it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.catalog import Catalog

from .support import Reader

pytestmark = [pytest.mark.browser, pytest.mark.live]

SEVERE = {"serious", "critical"}


def reader_pages(catalog: Catalog) -> list[str]:
    """Home, timeline, an article (one with organizations if there is one) and an entity page, if any."""
    article = next((a for a in catalog.article_list if a.organizations), next(iter(catalog.article_list), None))
    entity = next(iter([*(article.organizations if article else []), *catalog.organizations.values(),
                        *catalog.events.values()]), None)
    return ["", "timeline/", *([article.url] if article else []), *([entity.url] if entity else [])]


def severe_violations(reader: Reader, axe_script: Path) -> list[dict[str, Any]]:
    reader.page.add_script_tag(path=str(axe_script))
    violations = reader.page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [" ".join(n["target"]) for n in v["nodes"]][:5]}
        for v in violations if v["impact"] in SEVERE
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_severe_violations(open_reader: Callable[..., Reader], catalog: Catalog, axe_script: Path,
                                         scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    found = {}
    for url in reader_pages(catalog):
        reader.goto(url)
        found[url] = severe_violations(reader, axe_script)
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
