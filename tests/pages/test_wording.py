"""Issue 12 §4: roles as terms, countries by name, compact date ranges; the wording and the built pages."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.dates import PartialDate
from generator.pages import wording
from generator.pipeline import build_catalog

from ..helpers import mkdocs_build, read_page, write_config, write_tree

ARTICLE = """\
---
title: {title}
date: "{date}"
summary: S.
source:
  name: Xinhua
people: [{people}]
events: [{events}]
---

Text.
"""
FILES = {
    "index.md": "# Home\n",
    "about.md": "# About\n",
    "contribute.md": "# Contribute\n",
    "organizations/iec.md": '---\nname: International Electrotechnical Commission\nshort_name: IEC\ncountry: "CH"\n'
                            "---\n",
    "organizations/smbqts.md": "---\nname: Shanghai Municipal Bureau of Quality and Technical Supervision\n"
                               'short_name: SMBQTS\ncountry: "CN"\n---\n',
    "organizations/acme.md": '---\nname: Acme Standards\ncountry: "TW"\nplace: nowhere\n---\n',
    "places/qingdao.md": '---\nname: Qingdao\ncountry: "CN"\n---\n',
    "places/nowhere.md": '---\nname: Nowhere\n---\n',
    "people/ann-lee.md": """\
        ---
        name: Ann Lee
        roles:
          - title: president
            organization: iec
            from: "2020"
            to: "2022"
          - title: director
            organization: smbqts
            from: "2018"
          - title: deputy director
            organization: smbqts
            from: "2017-04-19"
          - title: adviser
            organization: acme
            to: "2015-06"
          - title: member
            organization: acme
          - title: chair
            from: "2016-08-30"
            to: "2016-09-02"
        ---
        """,
    "events/conference-2016.md": '---\ntitle: Conference 2016\ndate: "2016-09-12"\nend: "2016-09-14"\n'
                                 "place: qingdao\norganizations: [iec, smbqts, acme]\n---\n",
    "events/expo-2016.md": '---\ntitle: Expo 2016\ndate: "2016-07"\n---\n',
    "events/summit-2016.md": '---\ntitle: Summit 2016\ndate: "2016"\n---\n',
    "events/fair-2016.md": '---\ntitle: Fair 2016\ndate: "2016-08-30"\nend: "2016-09-02"\n---\n',
    "events/season-2016.md": '---\ntitle: Season 2016\ndate: "2016-07"\nend: "2016-09"\n---\n',
    "news/2017/ann-lee-at-smbqts.md": ARTICLE.format(title="Ann Lee at SMBQTS", date="2017-04-19",
                                                     people="ann-lee", events=""),
    "news/2016/events.md": ARTICLE.format(title="Events", date="2016-12-01", people="",
                                          events="conference-2016, expo-2016, summit-2016, fair-2016, season-2016"),
}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("wording") / "content", FILES)


@pytest.fixture(scope="module")
def catalog(content: Path):
    result = build_catalog(content)
    assert result.ok, [d.format_text() for d in result.report.errors]
    return result.catalog


@pytest.fixture(scope="module")
def site(content: Path) -> Path:
    done = mkdocs_build(write_config(content.parent, content))
    assert done.returncode == 0, done.stderr[-3000:]
    return content.parent / "site"


def d(text: str) -> PartialDate:
    return PartialDate.parse(text)


@pytest.mark.parametrize(("start", "end", "text"), [
    ("2016-09-12", "2016-09-14", "12–14 September 2016"),
    ("2016-08-30", "2016-09-02", "30 August – 2 September 2016"),
    ("2016-12-30", "2017-01-02", "30 December 2016 – 2 January 2017"),
    ("2016-07", "2016-09", "July–September 2016"),
    ("2016-12", "2017-01", "December 2016 – January 2017"),
    ("2020", "2022", "2020–2022"),
    ("2016-09", "2016-09-14", "September 2016 – 14 September 2016"),
    ("2016-09-12", "2016-09-12", "12 September 2016"),
    ("2016-09-12", None, "12 September 2016"),
])
def test_date_ranges_are_compact(start: str, end: str | None, text: str) -> None:
    assert wording.date_range(d(start), d(end) if end else None) == text


@pytest.mark.parametrize(("code", "name"), [("CN", "China"), ("CH", "Switzerland"), ("TW", "Taiwan"),
                                            ("KR", "South Korea"), ("GB", "United Kingdom"), ("QQ", "QQ")])
def test_countries_by_name(code: str, name: str) -> None:
    assert wording.country_name(code) == name


def test_roles_as_terms(catalog) -> None:
    ann = catalog.people["ann-lee"]
    assert [wording.role_text(r) for r in ann.roles] == [
        "President, IEC (2020–2022)",
        "Director, SMBQTS (since 2018)",
        "Deputy director, SMBQTS (as reported in April 2017)",  # its only date is the report's
        "Adviser, Acme Standards (until June 2015)",
        "Member, Acme Standards",
        "Chair (30 August – 2 September 2016)",
    ]


def test_timeline_labels_do_not_repeat_the_heading(catalog) -> None:
    events = catalog.events
    assert wording.event_when(events["expo-2016"], (2016, 7)) == "day not reported"
    assert wording.event_when(events["summit-2016"], (2016, 0)) == "month not reported"
    assert wording.event_when(events["conference-2016"], (2016, 9)) == "12–14 September 2016"
    assert wording.event_when(events["season-2016"], (2016, 7)) == "July–September 2016"
    assert wording.event_when(events["expo-2016"]) == "July 2016"  # no heading: the whole date


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(read_page(site, url))


def texts(nodes: list) -> list[str]:
    return [" ".join(n.text_content().split()) for n in nodes]


def test_pages_show_terms_countries_and_ranges(site: Path) -> None:
    roles = page(site, "people/ann-lee/").xpath("//dl[@class='portal-facts']//li")
    assert texts(roles) == [
        "President, IEC (2020–2022)", "Director, SMBQTS (since 2018)",
        "Deputy director, SMBQTS (as reported in April 2017)", "Adviser, Acme Standards (until June 2015)",
        "Member, Acme Standards", "Chair (30 August – 2 September 2016)",
    ]
    people = page(site, "organizations/smbqts/").xpath("//section[@aria-labelledby='portal-people']//li")
    assert texts(people) == ["Ann Lee — director (since 2018)", "Ann Lee — deputy director (as reported in April 2017)"]

    def country(url: str) -> str:
        return texts(page(site, url).xpath("//dt[.='Country']/following-sibling::dd[1]"))[0]

    assert [country(u) for u in ("organizations/smbqts/", "organizations/iec/", "organizations/acme/",
                                 "places/qingdao/")] == ["China", "Switzerland", "Taiwan", "China"]
    assert not page(site, "places/nowhere/").xpath("//dt[.='Country']")

    when = page(site, "events/conference-2016/").xpath("//dt[.='Date']/following-sibling::dd[1]/time")[0]
    assert (when.text, when.get("datetime"), when.get("data-end")) == ("12–14 September 2016", "2016-09-12",
                                                                       "2016-09-14")
    listed = page(site, "news/2016/events/").xpath("//time[@data-end]")
    assert {t.text for t in listed} == {"12–14 September 2016", "30 August – 2 September 2016",
                                        "July–September 2016"}


def test_timeline_rows_under_a_month_heading(site: Path) -> None:
    timeline = page(site, "timeline/")
    rows = {texts(r.xpath(".//a[@class='portal-event__title']"))[0]:
            (texts(r.xpath("preceding::h3[1]"))[0], texts(r.xpath(".//div[@class='portal-event__when']"))[0],
             r.xpath(".//div[@class='portal-event__when']/time/@datetime")[0])
            for r in timeline.xpath("//li[contains(@class,'portal-event')]")}
    assert rows == {
        "Summit 2016": ("2016, month not reported", "month not reported", "2016"),
        "Expo 2016": ("July 2016", "day not reported", "2016-07"),
        "Season 2016": ("July 2016", "July–September 2016", "2016-07"),
        "Fair 2016": ("August 2016", "30 August – 2 September 2016", "2016-08-30"),
        "Conference 2016": ("September 2016", "12–14 September 2016", "2016-09-12"),
    }
    # Elsewhere (no month heading) a month-only event keeps its month.
    assert "July 2016" in texts(page(site, "events/expo-2016/").xpath("//dd/time"))
