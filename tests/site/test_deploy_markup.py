"""Issue 15: markup that validators and assistive technology read — on every built page of the real content
(content-agnostic invariants): heading levels never skip, no <article> inside another, every
<label for> names a control that exists, and the timeline keeps the room of its filter form."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from ..helpers import read_page


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "search" not in p.parts)


@pytest.fixture(scope="module")
def docs(built_site: Path) -> dict[str, lxml.html.HtmlElement]:
    return {p.relative_to(built_site).as_posix(): lxml.html.fromstring(p.read_bytes()) for p in built_pages(built_site)}


def test_heading_levels_never_skip(docs: dict[str, lxml.html.HtmlElement]) -> None:
    skips = {}
    for name, doc in docs.items():
        levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        bad = [(a, b) for a, b in zip([0, *levels], levels, strict=False) if b > a + 1]
        if bad:
            skips[name] = bad
    assert len(docs) > 20 and skips == {}


def test_no_article_inside_another(docs: dict[str, lxml.html.HtmlElement]) -> None:
    nested = [name for name, doc in docs.items() if doc.xpath("//article//article")]
    assert nested == []
    assert any(doc.xpath("//article[@class='portal-article']") for doc in docs.values())


def test_every_label_names_an_existing_control(docs: dict[str, lxml.html.HtmlElement]) -> None:
    dangling = {}
    for name, doc in docs.items():
        ids = set(doc.xpath("//@id"))
        missing = sorted({f for f in doc.xpath("//label/@for") if f not in ids})
        if missing:
            dangling[name] = missing
    assert dangling == {}


def test_the_timeline_filter_form_keeps_its_room(built_site: Path) -> None:
    doc = lxml.html.fromstring(read_page(built_site, "timeline/"))
    [form] = doc.xpath("//form[@data-portal-filters]")
    assert form.get("hidden") is None  # display:none until JavaScript ran would move the list when it appears
    noscript = doc.xpath("//head/noscript/style/text()")
    assert any(".portal-filters" in css and "display: none" in css for css in noscript)
    css = (Path(__file__).parents[2] / "theme/assets/portal.css").read_text(encoding="utf-8")
    assert ".portal-filters:not([data-ready]) { visibility: hidden; }" in css
