"""Issue 5: axe-core finds no serious or critical accessibility violation on the pages readers use most."""

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_severe_violations(open_reader: Callable[..., Reader], catalog: Catalog, axe_script: Path,
                                         scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    article = next(a for a in catalog.article_list if a.organizations)
    found = {}
    for url in ["", article.url, "timeline/", article.organizations[0].url]:
        reader.goto(url)
        found[url] = severe_violations(reader, axe_script)
    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_severe_violations(open_reader: Callable[..., Reader], axe_script: Path,
                                                  scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    reader.goto("")
    assert reader.search("Shanghai")
    assert severe_violations(reader, axe_script) == []
