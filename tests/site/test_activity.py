"""Activity at a glance (issue 23): reports and events per year or month, drawn at build time, with the same
numbers and links in a table for screen readers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import html5lib

from generator.catalog.graph import Catalog
from generator.catalog.nodes import Article, Event
from generator.dates import PartialDate
from generator.pages.activity import activity

from ..fixture_site import Built

SVG = "{http://www.w3.org/2000/svg}"


def _a(date: str) -> Article:
    return Article(date, "", "", 1, date=PartialDate.parse(date))


def _e(date: str) -> Event:
    return Event(date, "", "", 1, date=PartialDate.parse(date))


def test_years_with_gaps_and_months_when_the_span_is_short() -> None:
    years = activity([_a("2016-03-01"), _a("2019"), _a("2019-05")], [_e("2019-06-01")])
    assert years is not None and not years.by_month
    assert [(b.label, b.articles, b.events) for b in years.bars] == [
        ("2016", 1, 0), ("2017", 0, 0), ("2018", 0, 0), ("2019", 2, 1)]
    assert years.describe() == "2016: 1 report, 0 events; 2019: 2 reports, 1 event"
    months = activity([_a("2023-11-02"), _a("2024-02")], [_e("2023-12-24")])
    assert months is not None and months.by_month
    assert [(b.label, b.articles, b.events) for b in months.bars] == [
        ("Nov 2023", 1, 0), ("Dec 2023", 0, 1), ("Jan 2024", 0, 0), ("Feb 2024", 1, 0)]
    year_only = activity([_a("2023-11-02"), _a("2024")], [])  # a year-only date has no month to go in
    assert year_only is not None and not year_only.by_month and len(year_only.bars) == 2
    assert activity([], []) is None


def test_entity_pages_and_home_draw_their_numbers(fixture_plain_site: Built) -> None:
    site, catalog = fixture_plain_site.site, fixture_plain_site.catalog
    checked = 0
    for url, articles, events in _pages(catalog):
        tree = html5lib.parse((site / url / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
        figures = [f for f in tree.iter("figure") if "portal-activity" in f.get("class", "")]
        years = sorted({a.date.year for a in articles} | {e.date.year for e in events})
        if len(years) < 2:
            continue  # one period: no chart (the lists say it all)
        [figure] = figures
        svg = figure.find(f"{SVG}svg")
        assert svg.get("aria-hidden") == "true"  # the table below is what screen readers read
        rows = {tr.find("th").text: [td.findtext("a") or td.text for td in tr.findall("td")]
                for tr in figure.find("table").find("tbody").findall("tr")}
        per_year = Counter(a.date.year for a in articles), Counter(e.date.year for e in events)
        if "per month" in "".join(figure.find("figcaption").itertext()):  # a short span: months
            assert sum(int(r[0]) for r in rows.values()) == len(articles), url
            assert sum(int(r[1]) for r in rows.values()) == len(events), url
            continue
        assert rows == {str(y): [str(per_year[0][y]), str(per_year[1][y])] for y in years
                        if per_year[0][y] or per_year[1][y]}, url
        for link in svg.iter(f"{SVG}a"):  # every bar leads to a page that exists
            target = (site / url / link.get("href")).resolve()
            assert (target / "index.html").is_file(), (url, link.get("href"))
        checked += 1
    assert checked >= 3


def _pages(catalog: Catalog) -> list[tuple[str, list[Article], list[Event]]]:
    out: list[tuple[str, list[Article], list[Event]]] = [("", catalog.article_list, catalog.event_list)]
    out += [(o.url, o.articles, o.events) for o in catalog.organizations.values()]
    out += [(p.url, p.all_articles, p.all_events) for p in catalog.places.values()]
    out += [(t.url, t.articles, []) for t in catalog.topics.values()]
    return out


def test_the_chart_file_is_inline(fixture_plain_site: Built) -> None:
    """No script, no request: the picture is in the page."""
    text = (Path(fixture_plain_site.site) / "index.html").read_text(encoding="utf-8")
    assert '<svg class="portal-chart"' in text
