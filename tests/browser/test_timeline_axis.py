"""The timeline's year axis (issue 23): every event shown is a mark at its date, a row and a shape per kind,
hollow when the date has no day; without JavaScript it is static, with it the filters hide marks too."""

from __future__ import annotations

import html5lib
import pytest

from generator.catalog.graph import Catalog

from ..fixture_site import Built
from .support import Reader

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"


def test_the_static_axis_has_a_mark_per_event(fixture_plain_site: Built, fixture_catalog: Catalog) -> None:
    text = (fixture_plain_site.site / "timeline/index.html").read_text(encoding="utf-8")
    svg = next(s for s in html5lib.parse(text, namespaceHTMLElements=False).iter(f"{SVG}svg")
               if s.get("data-portal-axis") is not None)
    assert svg.get("aria-hidden") == "true"  # the list below carries the same events for everyone
    marks = [a for a in svg.iter(f"{SVG}a") if a.get("data-portal-mark") is not None]
    events = fixture_catalog.event_list
    assert sorted(a.get("href") for a in marks) == sorted(f"../{e.url}" for e in events)
    shapes: dict[str, set[str]] = {}
    for a in marks:
        [shape] = list(a)
        shapes.setdefault(a.get("data-kind"), set()).add(shape.tag.removeprefix(SVG))
        event = next(e for e in events if a.get("href") == f"../{e.url}")
        hollow = "portal-mark--approx" in shape.get("class", "")
        assert hollow == (event.date.precision.name != "DAY"), event.id
    assert all(len(s) == 1 for s in shapes.values())  # one shape per kind
    lanes = [t.text for t in svg.iter(f"{SVG}text") if "portal-axis__lane" in t.get("class", "")]
    assert len(lanes) == len(shapes)  # each row says its kind


def test_filters_hide_marks_with_their_events(fixture_reader: Reader, fixture_catalog: Catalog) -> None:
    kind = fixture_catalog.event_list[0].event_kind
    page = fixture_reader.goto(f"timeline/?kind={kind}")
    page.wait_for_function("document.querySelector('.portal-filters__count').textContent.length > 0")
    shown = page.eval_on_selector_all("[data-portal-mark]", "els => els.filter(e => e.style.display !== 'none')"
                                      ".map(e => e.getAttribute('data-kind'))")
    assert shown and set(shown) == {kind}
    assert len(shown) == sum(e.event_kind == kind for e in fixture_catalog.event_list)
    assert fixture_reader.problems == []
