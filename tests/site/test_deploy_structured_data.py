"""Issue 15: structured data to Google's Article, Event and Breadcrumb requirements, on the fixture site
(tests/deploy_site.py), read with extruct and expanded with pyld (schema.org context stubbed locally)."""

from __future__ import annotations

from typing import Any

from ..deploy_site import ADDRESS_A, LOGO, Deployed, deployed
from ..helpers import load_mkdocs_config
from ..outputs.test_structured_data import S, expanded, of_type, value

__all__ = ["deployed"]  # the fixture, imported for pytest

TAG = "tag:standards-news-portal,2017:"


def graph(deployed: Deployed, url: str) -> list[dict[str, Any]]:
    return expanded(deployed.a, url, base=ADDRESS_A)


def values(node: dict[str, Any], key: str) -> list[Any]:
    return [v.get("@value", v.get("@id", v)) for v in node.get(S + key, [])]


def by_id(g: list[dict[str, Any]], id_: str) -> dict[str, Any]:
    return next(n for n in g if n.get("@id") == id_)


def test_news_article_has_author_publisher_logo_image_and_zoned_dates(deployed: Deployed) -> None:
    g = graph(deployed, "news/2019/forum-opens/")
    article = of_type(g, "NewsArticle")
    assert value(article, "datePublished") == "2019-03-08T00:00:00+00:00"
    assert value(article, "dateModified") == "2019-04-02T00:00:00+00:00"
    # The reporters the report credits, as people; a report naming none is credited to its outlet.
    assert [(a["@type"], value(a, "name")) for a in article[S + "author"]] == [
        ([S + "Person"], "Li Test"), ([S + "Person"], "Wang Test")]
    [outlet] = of_type(graph(deployed, "news/2020/webinar/"), "NewsArticle")[S + "author"]
    assert outlet["@type"] == [S + "Organization"] and value(outlet, "name") == "Test Wire"
    [publisher] = article[S + "publisher"]
    assert publisher["@id"] == TAG + "publisher" and value(publisher, "name") == load_mkdocs_config()["site_name"]
    [logo] = publisher[S + "logo"]
    logo_url = value(logo, "url")
    assert logo_url.startswith(ADDRESS_A) and (deployed.a / logo_url.removeprefix(ADDRESS_A)).is_file()
    [image] = values(article, "image")
    og = f'<meta property="og:image" content="{image}">'
    assert og in (deployed.a / "news/2019/forum-opens/index.html").read_text(encoding="utf-8")
    # An unattributed report is the portal's own; a year stays a year.
    other = of_type(graph(deployed, "news/2018/year-only/"), "NewsArticle")
    assert values(other, "author") == [TAG + "publisher"]
    assert value(other, "datePublished") == "2018"
    assert value(of_type(graph(deployed, "news/2020/webinar/"), "NewsArticle"), "datePublished") == "2020-05"


def address(event: dict[str, Any]) -> dict[str, str]:
    [place] = event[S + "location"]
    assert place["@type"] == [S + "Place"] and value(place, "name")
    [postal] = place[S + "address"]
    assert postal["@type"] == [S + "PostalAddress"]
    return {k.removeprefix(S): value(postal, k.removeprefix(S)) for k in postal if k.startswith(S)}


def test_event_has_location_address_status_mode_and_organizer(deployed: Deployed) -> None:
    forum = of_type(graph(deployed, "events/forum-2019/"), "Event")
    assert address(forum) == {"addressLocality": "Shanghai", "addressCountry": "CN"}  # Pudong is in Shanghai
    assert value(forum, "eventStatus") == S + "EventScheduled"
    assert value(forum, "eventAttendanceMode") == S + "OfflineEventAttendanceMode"  # the default
    assert (value(forum, "startDate"), value(forum, "endDate")) == ("2019-03-05T00:00:00+00:00",
                                                                    "2019-03-07T00:00:00+00:00")
    [organizer] = forum[S + "organizer"]
    assert organizer["@id"] == TAG + "organization/smbqts"
    assert value(organizer, "url") == ADDRESS_A + "organizations/smbqts/"
    assert values(forum, "image")
    pilot = of_type(graph(deployed, "events/pilot-2018/"), "Event")
    assert address(pilot) == {"addressLocality": "Shenzhen", "addressRegion": "Guangdong", "addressCountry": "CN"}
    assert value(pilot, "startDate") == "2018-07"  # a month stays a month
    webinar = of_type(graph(deployed, "events/webinar-2020/"), "Event")
    assert value(webinar, "eventAttendanceMode") == S + "OnlineEventAttendanceMode"


def test_organization_same_as_logo_and_chinese_names_carry_their_language(deployed: Deployed) -> None:
    org = of_type(graph(deployed, "organizations/smbqts/"), "Organization")
    assert values(org, "sameAs") == ["https://example.org/stbq", "https://www.wikidata.org/wiki/Q4115189"]
    logo = org[S + "logo"][0]
    assert logo["@type"] == [S + "ImageObject"] and values(logo, "url") == [ADDRESS_A + LOGO]
    assert (deployed.a / LOGO).is_file()  # the logo is published where the structured data says
    assert S + "logo" not in of_type(graph(deployed, "organizations/iso/"), "Organization")  # none given, none made up
    names = {(v["@value"], v.get("@language")) for v in org[S + "alternateName"]}
    assert names == {("STBQ", None), ("上海市测试质量局", "zh")}
    person = of_type(graph(deployed, "people/chen/"), "Person")
    assert [(v["@value"], v.get("@language")) for v in person[S + "alternateName"]] == [("陈测试", "zh")]
    place = of_type(graph(deployed, "places/shanghai/"), "Place")
    assert [(v["@value"], v.get("@language")) for v in place[S + "alternateName"]] == [("上海", "zh")]


def test_breadcrumbs_name_and_link_every_step(deployed: Deployed) -> None:
    crumbs = of_type(graph(deployed, "events/forum-2019/"), "BreadcrumbList")
    items = sorted(crumbs[S + "itemListElement"], key=lambda i: value(i, "position"))
    assert [value(i, "position") for i in items] == [1, 2, 3]
    assert [value(i, "item") for i in items] == [ADDRESS_A, ADDRESS_A + "events/", ADDRESS_A + "events/forum-2019/"]
    assert all(value(i, "name") for i in items)
