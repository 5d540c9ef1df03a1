"""Issue 4: the generated pages, checked on the built HTML of the fixture site (tests/fixture_site.py).

The fixture's cases are named by the constants of tests/fixture_site.py; the live content is only checked
for what holds whatever it contains (a strict build without warnings, every page reachable).
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from generator.catalog.graph import Catalog

from .. import fixture_site as fx
from ..fixture_site import Built
from ..helpers import page_text, read_page

NAV = ["Home", "News", "Timeline", "Organizations", "Events", "People", "Places", "Topics", "Standards", "Committees",
       "About", "Contribute"]


@pytest.fixture(scope="module")
def site(fixture_plain_site: Built) -> Path:
    return fixture_plain_site.site


@pytest.fixture(scope="module")
def catalog(fixture_plain_site: Built) -> Catalog:
    return fixture_plain_site.catalog


def doc(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(read_page(site, url))


def texts(nodes: list) -> list[str]:
    return [" ".join(n.text_content().split()) for n in nodes]


def expected_urls(catalog: Catalog) -> list[str]:
    urls = ["", "news/", "timeline/", "events/", "organizations/", "people/", "places/", "topics/",
            "about/", "contribute/", "contribute/fields/", "api/"]
    urls += [f"news/{year}/" for year in {a.year for a in catalog.articles.values()}]
    urls += [f"timeline/{year}/" for year in {e.date.year for e in catalog.events.values()}]
    urls += [node.url for node in catalog.all_nodes()]
    return urls


def test_every_url_exists(site: Path, catalog: Catalog) -> None:
    missing = [u for u in expected_urls(catalog) if not (site / u / "index.html").is_file()]
    assert missing == []


@pytest.mark.live
def test_live_site_has_every_page_and_no_build_warning(live_build: Built) -> None:
    assert "WARNING" not in live_build.log, live_build.log[-3000:]
    missing = [u for u in expected_urls(live_build.catalog) if not (live_build.site / u / "index.html").is_file()]
    assert missing == []


def test_nav_is_small_and_fixed_on_every_page_kind(site: Path, catalog: Catalog) -> None:
    for url in ("", catalog.articles[fx.TRICKY_ID].url, f"organizations/{fx.ORG_ID}/", "timeline/",
                f"people/{fx.PERSON_ID}/", "news/page/2/"):
        tabs = doc(site, url).xpath("//nav[contains(@class,'md-tabs')]//a[contains(@class,'md-tabs__link')]")
        assert texts(tabs) == NAV, url
        html = read_page(site, url)
        # No article or entity page in the nav: the fixture's 51 article titles are not in every page.
        assert html.count('class="md-nav__link') < 40


def test_breadcrumbs_on_every_generated_page(site: Path, catalog: Catalog) -> None:
    for node in catalog.all_nodes():
        if node.kind == "page" and node.id == "index":
            continue
        crumbs = doc(site, node.url).xpath("//nav[@class='portal-breadcrumbs']//li")
        assert crumbs and texts(crumbs)[0] == "Home", node.url
        assert texts(crumbs)[-1] == node.label or node.kind == "page", node.url


def test_timeline_in_date_order_with_partial_dates(site: Path, catalog: Catalog) -> None:
    page = doc(site, "timeline/")
    rows = page.xpath("//li[contains(@class,'portal-event')]")
    titles = texts(page.xpath("//li[contains(@class,'portal-event')]//a[@class='portal-event__title']"))
    assert titles == [e.title for e in catalog.event_list]  # every event, in the catalog's date order
    # A year-only event sorts before the months of its year, a month-only one at the start of its month.
    order = [catalog.events[i].title for i in (fx.DAY_EVENT_ID, fx.YEAR_EVENT_ID, fx.MULTI_DAY_ID, fx.MONTH_EVENT_ID)]
    assert [t for t in titles if t in order] == order

    def when(event_id: str) -> lxml.html.HtmlElement:
        row = next(r for r in rows if catalog.events[event_id].title in r.text_content())
        return row.xpath(".//div[@class='portal-event__when']")[0]

    assert when(fx.DAY_EVENT_ID).xpath("./time")[0].text == "13 April 2016"
    assert when(fx.DAY_EVENT_ID).xpath("./time/@datetime") == ["2016-04-13"]
    # Partial dates are never given a day (how a month is shown under its own heading may vary).
    assert set(when(fx.MONTH_EVENT_ID).xpath("./time/@datetime")) <= {"2019-07"}
    assert not re.search(r"\d+ July", texts([when(fx.MONTH_EVENT_ID)])[0])
    assert set(when(fx.YEAR_EVENT_ID).xpath("./time/@datetime")) <= {"2018"}
    assert re.fullmatch(r"5( March 2019)? ?– ?7 March 2019", texts([when(fx.MULTI_DAY_ID)])[0])
    assert when(fx.MULTI_DAY_ID).xpath("./time/@datetime")[0] == "2019-03-05"
    headings = texts(page.xpath("//h3"))
    assert "July 2019" in headings and "March 2019" in headings and "April 2016" in headings
    # Filters are server-rendered (hidden until the script enables them) with the full list present.
    assert page.xpath("//form[@data-portal-filters]")
    multi = next(r for r in rows if catalog.events[fx.MULTI_DAY_ID].title in r.text_content())
    assert multi.get("data-places").split() == ["example-province", fx.CITY_ID, "example-harbour-zone"]


def test_timeline_year_pages(site: Path, catalog: Catalog) -> None:
    years = {e.date.year for e in catalog.events.values()}
    assert len(years) > 3
    for year in years:
        rows = doc(site, f"timeline/{year}/").xpath("//li[contains(@class,'portal-event')]/@data-year")
        assert rows and set(rows) == {str(year)}
        assert len(rows) == sum(1 for e in catalog.events.values() if e.date.year == year)


def test_organization_page_lists_its_articles_events_and_people(site: Path, catalog: Catalog) -> None:
    org = catalog.organizations[fx.ORG_ID]
    page = doc(site, org.url)
    text = page_text(read_page(site, org.url))
    assert "Example City Quality Bureau" in text and "ECQB" in text and "示例市质量局" in text
    cards = texts(page.xpath("//section[.//h2[@id='portal-articles']]//*[@class='portal-card__title']"))
    assert cards == [a.title for a in org.articles] and len(cards) == 5  # newest first
    events = texts(page.xpath("//section[.//h2[@id='portal-events']]//a[@class='portal-event__title']"))
    assert sorted(events) == sorted(e.title for e in org.events) and len(events) == 4
    people = texts(page.xpath("//section[.//h2[@id='portal-people']]//li"))
    assert any("Shi Li" in p and "deputy director" in p for p in people)
    assert page.xpath(f"//a[@href='../{org.parent.id}/']")  # its parent


def test_parent_organization_lists_its_child(site: Path) -> None:
    page = read_page(site, f"organizations/{fx.PARENT_ORG_ID}/")
    assert f'href="../{fx.CHILD_ORG_ID}/"' in page


def test_place_includes_events_of_places_within(site: Path, catalog: Catalog) -> None:
    page = doc(site, f"places/{fx.CITY_ID}/")
    titles = texts(page.xpath("//section[.//h2[@id='portal-events']]//a[@class='portal-event__title']"))
    within = [e.title for e in catalog.events.values() if e.place and fx.CITY_ID in [p.id for p in e.place.ancestors]]
    here = [e.title for e in catalog.events.values() if e.place and e.place.id == fx.CITY_ID]
    assert len(within) == 3 and len(here) == 2
    assert sorted(titles) == sorted(within + here)
    assert "示例市" in texts(page.xpath("//span[@lang='zh']"))
    # The province holds everything in the city, two levels down.
    province = texts(doc(site, "places/example-province/").xpath(
        "//section[.//h2[@id='portal-events']]//a[@class='portal-event__title']"))
    assert sorted(province) == sorted(within + here)
    # Issue 23: the places index counts what each place's page lists (places within included).
    index = doc(site, "places/")
    for place_id, listed in ((fx.CITY_ID, titles), ("example-province", province)):
        (entry,) = index.xpath(f"//ul[@class='portal-index']/li[a[@href='{place_id}/']]")
        counts = " ".join(texts(entry.xpath(".//span[@class='portal-counts']")))
        assert f"{len(listed)} event" in counts, (place_id, counts)


def test_article_page_metadata_panel(site: Path, catalog: Catalog) -> None:
    article = catalog.articles[fx.IMAGES_ID]
    page = doc(site, article.url)
    panel = page.xpath("//aside[contains(@class,'portal-meta')]")[0]
    hrefs = set(panel.xpath(".//a/@href"))
    assert article.organizations and article.people and article.events and article.places and article.topics
    for node in (*article.organizations, *article.places, *article.topics):
        assert any(h.endswith(node.url) for h in hrefs), node.id
    for person in article.people:
        chip = next(t for t in texts(panel.xpath(".//a")) if person.name in t)
        role = person.role_label(article.date)  # the role held at the article's date (issue 21)
        assert role and role in chip, (role, chip)
    for event in article.events:
        assert event.date.display() in panel.text_content()
    assert texts(panel.xpath(".//li[@class='portal-standard']")) == ["ESB 1001:2016", "ESB 2002"]
    byline = page.xpath("//p[@class='portal-byline']")[0]
    assert "15 April 2016" in byline.text_content() and "Example Daily" in byline.text_content()
    assert byline.xpath(".//a/@href") == ["https://example.org/daily/pilot"]
    captions = [" ".join(c.text_content().split()) for c in page.xpath("//figcaption")]
    assert captions == ["Shi Li signs the fictional pilot agreement. [Photo from example.org]",
                        "A caption whose photo is not kept. [Photo from example.org]"]
    (img,) = page.xpath("//article//img")  # only the image with a file
    assert img.get("alt") == "Shi Li signs the fictional pilot agreement."
    assert (site / article.url / img.get("src")).resolve() == (site / "images/2016/pilot-signing.png").resolve()


def test_person_with_a_role_in_no_organization(site: Path, catalog: Catalog) -> None:
    person = catalog.people[fx.NO_ORG_PERSON_ID]
    page = doc(site, person.url)
    roles = texts(page.xpath("//dl[@class='portal-facts']//li"))
    assert [r.lower() for r in roles] == ["independent expert"]  # no organization, no dates: the title alone
    assert not page.xpath("//dl[@class='portal-facts']//a")
    article = next(a for a in person.articles)
    chip = next(t for t in texts(doc(site, article.url).xpath("//aside//a")) if person.name in t)
    assert "independent expert" in chip


def test_unattributed_and_partial_dates_are_said_plainly(site: Path, catalog: Catalog) -> None:
    year_only = catalog.articles[fx.YEAR_ONLY_ID]
    byline = doc(site, year_only.url).xpath("//p[@class='portal-byline']")[0]
    assert byline.xpath("./time")[0].text == "2018"
    assert "unattributed" in byline.text_content()
    month_only = doc(site, catalog.articles[fx.TRICKY_ID].url).xpath("//p[@class='portal-byline']/time")[0]
    assert (month_only.text, month_only.get("datetime")) == ("March 2019", "2019-03")
    updated = doc(site, catalog.articles[fx.UPDATED_ID].url).xpath("//p[@class='portal-byline']")[0]
    assert "Updated 1 December 2020" in " ".join(updated.text_content().split())


def test_tricky_title_is_escaped_everywhere(site: Path, catalog: Catalog) -> None:
    article = catalog.articles[fx.TRICKY_ID]
    page = doc(site, article.url)
    assert texts(page.xpath("//h1"))[0] == fx.TRICKY_TITLE
    assert page.xpath("//title")[0].text.startswith(fx.TRICKY_TITLE)
    assert "<!-- &" not in read_page(site, article.url)


def test_drafts_are_not_published(site: Path, catalog: Catalog) -> None:
    assert [Path(d).name for d in catalog.drafts] == [Path(fx.DRAFT_PATH).name]
    assert not (site / "news/2024/unfinished-example-draft").exists()
    assert "Unfinished example draft" not in read_page(site, "news/") + read_page(site, "news/2024/")


def test_organization_index_grouped_with_counts(site: Path, catalog: Catalog) -> None:
    page = doc(site, "organizations/")
    groups = texts(page.xpath("//h2"))
    assert "International bodies" in groups and "Companies" in groups and "Committees" in groups
    for org in catalog.organizations.values():
        item = next(li for li in page.xpath("//li") if li.xpath(f"./a[@href='{org.id}/']"))
        assert f"{len(org.articles)} article" in item.text_content(), org.id


def test_home_page(site: Path, catalog: Catalog) -> None:
    page = doc(site, "")
    cards = texts(page.xpath("//*[@class='portal-card__title']"))
    assert cards[0] == catalog.articles[fx.NEWEST_ID].title
    assert cards[1:6] == [f"Example brief {n:02d}" for n in range(fx.BRIEFS, fx.BRIEFS - 5, -1)]
    tiles = texts(page.xpath("//ul[@class='portal-tiles']/li"))
    assert "5 organizations" in tiles and "6 events" in tiles
    assert f"All {len(catalog.articles)} articles" in texts(page.xpath("//a[@class='md-button']"))


def cards(site: Path, url: str) -> list[str]:
    return texts(doc(site, url).xpath("//*[@class='portal-card__title']"))


def test_pagination(site: Path, catalog: Catalog) -> None:
    total = len(catalog.articles)
    assert total == 51
    pages = {url: cards(site, url) for url in ("news/", "news/page/2/", "news/page/3/")}
    assert [len(c) for c in pages.values()] == [20, 20, 11]
    assert [t for c in pages.values() for t in c] == [a.title for a in catalog.article_list]  # newest first
    assert not (site / "news/page/4").exists()
    for url in pages:
        links = doc(site, url).xpath("//nav[@class='portal-pagination']//a/@href")
        assert links, url
        for href in links:  # every pagination link resolves to a built page
            assert ((site / url / href).resolve() / "index.html").is_file(), (url, href)
    first, third = doc(site, "news/"), doc(site, "news/page/3/")
    assert first.xpath("//nav[@class='portal-pagination']//a[@rel='next']/@href") == ["page/2/"]
    assert third.xpath("//nav[@class='portal-pagination']//a[@rel='prev']/@href") == ["../2/"]
    assert not third.xpath("//nav[@class='portal-pagination']//a[@rel='next']")


def test_year_archive_pagination(site: Path) -> None:
    year = f"news/{fx.BRIEF_YEAR}/"
    counts = [len(cards(site, u)) for u in (year, f"{year}page/2/", f"{year}page/3/")]
    assert counts == [20, 20, fx.BRIEFS - 40]
    assert not (site / year / "page/4").exists()
    assert cards(site, "news/2019/") == ["Example Quality Forum held in Example City", fx.TRICKY_TITLE]


def test_entity_article_pages(site: Path, catalog: Catalog) -> None:
    """The organization page shows 20 articles; further pages hold up to 100 each."""
    org = catalog.organizations[fx.BRIEF_ORG]
    assert len(org.articles) == fx.BRIEFS + 3
    first, second = cards(site, org.url), cards(site, f"{org.url}page/2/")
    assert (len(first), len(second)) == (20, fx.BRIEFS + 3 - 20)
    assert first + second == [a.title for a in org.articles]
    assert not (site / org.url / "page/3").exists()


def test_article_body_uses_the_configured_markdown(site: Path, catalog: Catalog) -> None:
    """Tables, footnotes, abbreviations, definition lists and new-window links in a body (the fixture's 2021 report)."""
    article = catalog.articles["2021/example-standards-day-celebrated"]
    body = doc(site, article.url).xpath("//div[@class='portal-body']")[0]
    assert texts(body.xpath(".//table//th")) == ["Item", "Number"]
    (note,) = body.xpath(".//sup[starts-with(@id,'fnref')]/a/@href")  # the reference leads to the note
    assert note.startswith("#") and body.xpath(f".//div[@class='footnote']//li[@id='{note[1:]}']")
    assert body.xpath(".//abbr[@title='Example Standards Body']/text()") == ["ESB"]
    assert texts(body.xpath(".//dl/dt")) == ["Observance"]
    (link,) = body.xpath(".//a[@target='_blank']")
    assert link.get("href") == f"../../../organizations/{fx.PARENT_ORG_ID}/"
    assert link.get("rel") == "noopener noreferrer"
    assert "示例标准化机构" in body.text_content()


def test_the_not_found_page_offers_search_and_the_main_sections(site: Path) -> None:
    """Issue 23: a reader who follows a dead link gets a way on, from any depth (root-relative links)."""
    page = lxml.html.fromstring((site / "404.html").read_text(encoding="utf-8"))
    assert texts(page.xpath("//h1")) == ["Page not found"]
    assert page.xpath("//label[@for='__search' and contains(., 'Search')]")  # opens Material's search
    links = {a.text_content(): a.get("href") for a in page.xpath("//ul[@aria-labelledby='portal-404-sections']//a")}
    assert {"Home", "News", "Timeline", "Organizations", "Events", "People", "Places", "Topics"} <= set(links)
    for title, href in links.items():
        assert href.startswith("/"), (title, href)
        target = site / href.lstrip("/").removeprefix(".")
        assert (target / "index.html").is_file(), (title, href)


@pytest.mark.parametrize("url", ["", "news/", "news/2018/", "timeline/"])
def test_home_news_and_timeline_offer_the_sites_feeds_visibly(site: Path, url: str) -> None:
    """Issue 23: the site's own feeds and calendar as links on the page, not only in <head>."""
    page = doc(site, url)
    (follow,) = page.xpath("//p[@class='portal-follow']")
    assert follow.text_content().strip().startswith("Follow the portal:")
    kinds = {a.get("type"): a.get("href") for a in follow.xpath(".//a")}
    assert {"application/feed+json", "text/calendar"} <= set(kinds)  # RSS and Atom need site_url (absolute)
    head = {link.get("type") for link in page.xpath("//head/link[@rel='alternate']")}
    assert head <= set(kinds)  # every feed the head announces is offered on the page
    for href in kinds.values():
        assert (site / url / href).resolve().is_file(), href
