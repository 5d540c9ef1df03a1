"""Issues 5 and 15: axe-core finds no serious or critical accessibility violation on any page type, in both palettes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.catalog import Catalog

from .support import Reader

pytestmark = pytest.mark.browser

SEVERE = {"serious", "critical"}


def severe_violations(reader: Reader, axe_script: Path) -> list[dict[str, Any]]:
    reader.page.add_script_tag(path=str(axe_script))
    violations = reader.page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [" ".join(n["target"]) for n in v["nodes"]][:5]}
        for v in violations if v["impact"] in SEVERE
    ]


def page_types(catalog: Catalog) -> list[str]:
    """One page of every type: home, news and a year of it, an article, the timeline and a year of it, each
    index, one page of each entity type, about, contribute, the field reference and the API page."""
    article = next(a for a in catalog.article_list if a.organizations)
    urls = ["", "news/", f"news/{article.year}/", article.url, "timeline/",
            f"timeline/{catalog.event_list[-1].date.year}/"]
    urls += [f"{section}/" for section in ("organizations", "events", "people", "places", "topics")]
    for table in (catalog.organizations, catalog.events, catalog.people, catalog.places, catalog.topics):
        urls += [next(iter(table.values())).url] if table else []
    return [*urls, "about/", "contribute/", "contribute/fields/", "api/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_severe_violations(open_reader: Callable[..., Reader], catalog: Catalog,
                                                  axe_script: Path, scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    found = {}
    for url in page_types(catalog):
        reader.goto(url)
        found[url] = severe_violations(reader, axe_script)
    assert len(found) >= 19
    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_severe_violations(open_reader: Callable[..., Reader], axe_script: Path,
                                                  scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    reader.goto("")
    assert reader.search("Shanghai")
    assert severe_violations(reader, axe_script) == []
