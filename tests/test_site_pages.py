"""Issue 4: the generated pages, checked on the built HTML of the real content."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.pipeline import build_catalog

from .helpers import CONTENT, mkdocs_build, page_text, read_page, write_config, write_tree

NAV = ["Home", "News", "Timeline", "Organizations", "Events", "People", "Places", "Topics", "About", "Contribute"]


@pytest.fixture(scope="module")
def catalog():
    result = build_catalog(CONTENT)
    assert result.ok
    return result.catalog


def doc(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(read_page(site, url))


def texts(nodes: list) -> list[str]:
    return [" ".join(n.text_content().split()) for n in nodes]


def test_every_url_exists(built_site: Path, catalog) -> None:
    urls = ["", "news/", "timeline/", "events/", "organizations/", "people/", "places/", "topics/",
            "about/", "contribute/"]
    urls += [f"news/{year}/" for year in {a.year for a in catalog.articles.values()}]
    urls += [f"timeline/{year}/" for year in {e.date.year for e in catalog.events.values()}]
    urls += [node.url for node in catalog.all_nodes()]
    missing = [u for u in urls if not (built_site / u / "index.html").is_file()]
    assert missing == []


def test_build_has_no_warnings(tmp_path: Path) -> None:
    done = mkdocs_build(write_config(tmp_path, CONTENT))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr


def test_nav_is_small_and_fixed_on_every_page_kind(built_site: Path, catalog) -> None:
    article = next(iter(catalog.articles.values()))
    for url in ("", article.url, "organizations/smbqts/", "timeline/"):
        tabs = doc(built_site, url).xpath("//nav[contains(@class,'md-tabs')]//a[contains(@class,'md-tabs__link')]")
        assert texts(tabs) == NAV, url
        html = read_page(built_site, url)
        # No article or entity page in the nav: the other articles' titles are not in every page.
        assert html.count('class="md-nav__link') < 40


def test_breadcrumbs_on_every_generated_page(built_site: Path, catalog) -> None:
    for node in catalog.all_nodes():
        if node.kind == "page" and node.id == "index":
            continue
        crumbs = doc(built_site, node.url).xpath("//nav[@class='portal-breadcrumbs']//li")
        assert crumbs and texts(crumbs)[0] == "Home", node.url
        assert texts(crumbs)[-1] == node.label or node.kind == "page", node.url


def test_timeline_in_date_order_with_partial_dates(built_site: Path, catalog) -> None:
    page = doc(built_site, "timeline/")
    rows = page.xpath("//li[contains(@class,'portal-event')]")
    assert len(rows) == len(catalog.events)
    datetimes = [r.xpath(".//div[@class='portal-event__when']/time/@datetime")[0] for r in rows]
    keys = [tuple(int(x) for x in d.split("-")) + (0,) * (3 - len(d.split("-"))) for d in datetimes]
    assert keys == sorted(keys)
    pasc = next(r for r in rows if "Pan American Standards Commission" in r.text_content())
    when = pasc.xpath(".//time")[0]
    assert when.text == "day not reported" and when.get("datetime") == "2017-07"  # the heading gives the month
    assert "July 2017" in texts(page.xpath("//h3"))
    kickoff = next(r for r in rows if "Putuo" in r.text_content())
    assert kickoff.xpath(".//time")[0].text == "13 April 2017"
    # Filters are server-rendered (hidden until the script enables them) with the full list present.
    assert page.xpath("//form[@data-portal-filters]")


def test_timeline_year_pages(built_site: Path, catalog) -> None:
    for year in {e.date.year for e in catalog.events.values()}:
        rows = doc(built_site, f"timeline/{year}/").xpath("//li[contains(@class,'portal-event')]/@data-year")
        assert rows and set(rows) == {str(year)}
        assert len(rows) == sum(1 for e in catalog.events.values() if e.date.year == year)


def test_smbqts_page_lists_its_articles_and_events(built_site: Path, catalog) -> None:
    org = catalog.organizations["smbqts"]
    page = doc(built_site, org.url)
    text = page_text(read_page(built_site, org.url))
    assert "Shanghai Municipal Bureau of Quality and Technical Supervision" in text and "SMBQTS" in text
    cards = texts(page.xpath("//section[.//h2[@id='articles']]//h3[@class='portal-card__title']"))
    assert sorted(cards) == sorted(a.title for a in org.articles) and cards
    events = texts(page.xpath("//section[.//h2[@id='events']]//a[@class='portal-event__title']"))
    assert sorted(events) == sorted(e.title for e in org.events) and events
    people = texts(page.xpath("//section[.//h2[@id='people']]//li"))
    assert any("Chen Xiaojun" in p and "deputy director" in p for p in people)


def test_shanghai_includes_events_of_places_within(built_site: Path, catalog) -> None:
    page = doc(built_site, "places/shanghai/")
    titles = texts(page.xpath("//section[.//h2[@id='events']]//a[@class='portal-event__title']"))
    putuo = [e.title for e in catalog.events.values() if e.place and e.place.id == "putuo-district"]
    pudong_or_ftz = [e.title for e in catalog.events.values()
                     if e.place and "shanghai" in [p.id for p in e.place.ancestors] and e.place.id != "putuo-district"]
    assert putuo and set(putuo) <= set(titles)
    assert pudong_or_ftz and set(pudong_or_ftz) <= set(titles)
    assert page.xpath("//span[@lang='zh']")


def test_article_page_metadata_panel(built_site: Path, catalog) -> None:
    article = catalog.articles["2017/take-the-lead-in-standardization-services"]
    page = doc(built_site, article.url)
    panel = page.xpath("//aside[contains(@class,'portal-meta')]")[0]
    hrefs = set(panel.xpath(".//a/@href"))
    for org in article.organizations:
        assert any(h.endswith(f"organizations/{org.id}/") for h in hrefs)
    for person in article.people:
        chip = next(t for t in texts(panel.xpath(".//a")) if person.name in t)
        assert person.role_label() and person.role_label() in chip  # role from the catalog
    for event in article.events:
        assert event.date.display() in panel.text_content()
    byline = page.xpath("//p[@class='portal-byline']")[0].text_content()
    assert "19 April 2017" in byline and "China Daily" in byline
    assert [t.strip() for t in page.xpath("//figcaption/text()")]  # captions kept, no images
    assert not page.xpath("//article//img")


def test_unattributed_and_partial_dates_are_said_plainly(built_site: Path, catalog) -> None:
    shenzhen = next(a for a in catalog.articles.values() if a.date.precision.name == "YEAR")
    byline = doc(built_site, shenzhen.url).xpath("//p[@class='portal-byline']")[0]
    assert byline.xpath("./time")[0].text == str(shenzhen.date.year)
    unattributed = next(a for a in catalog.articles.values() if not a.source.attributed)
    assert "unattributed" in doc(built_site, unattributed.url).xpath("//p[@class='portal-byline']")[0].text_content()


def test_organization_index_grouped_with_counts(built_site: Path, catalog) -> None:
    page = doc(built_site, "organizations/")
    groups = texts(page.xpath("//h2"))
    assert "International bodies" in groups and "Companies" in groups
    iso = next(li for li in page.xpath("//li") if li.xpath("./a[@href='iso/']"))
    org = catalog.organizations["iso"]
    assert f"{len(org.articles)} article" in iso.text_content()


def test_home_page(built_site: Path, catalog) -> None:
    page = doc(built_site, "")
    cards = texts(page.xpath("//h3[@class='portal-card__title']"))
    assert cards[0] == next(iter(catalog.articles.values())).title
    tiles = texts(page.xpath("//ul[@class='portal-tiles']/li"))
    assert f"{len(catalog.organizations)} organizations" in tiles


def test_pagination_with_45_articles(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
        "organizations/iso.md": "---\nname: ISO\nkind: international-body\n---\n",
    }
    for i in range(45):
        day = 1 + i % 28
        month = 1 + i // 28
        files[f"news/2020/story-{i:02d}.md"] = (
            f"---\ntitle: Story {i:02d}\ndate: 2020-{month:02d}-{day:02d}\nsummary: Story number {i}.\n"
            f"source:\n  name: Test Wire\norganizations: [iso]\n---\nText of story {i}.\n"
        )
    content = write_tree(tmp_path / "content", files)
    done = mkdocs_build(write_config(tmp_path, content))
    assert done.returncode == 0, done.stderr[-3000:]
    site = tmp_path / "site"
    counts = {}
    for url in ("news/", "news/page/2/", "news/page/3/"):
        page = doc(site, url)
        counts[url] = len(page.xpath("//article[@class='portal-card']"))
        links = page.xpath("//nav[@class='portal-pagination']//a/@href")
        assert links, url
        for href in links:  # every pagination link resolves to a built page
            target = (site / url / href).resolve()
            assert (target / "index.html").is_file(), (url, href)
    assert counts == {"news/": 20, "news/page/2/": 20, "news/page/3/": 5}
    assert not (site / "news/page/4").exists()
    first = doc(site, "news/")
    assert first.xpath("//article[@class='portal-card']//a")[0].text == "Story 44"  # newest first
    assert first.xpath("//nav[@class='portal-pagination']//a[@rel='next']/@href") == ["page/2/"]
    third = doc(site, "news/page/3/")
    assert third.xpath("//nav[@class='portal-pagination']//a[@rel='prev']/@href") == ["../2/"]
    # The organization page shows 20 articles; further pages hold up to 100 each.
    org_pages = [doc(site, u) for u in ("organizations/iso/", "organizations/iso/page/2/")]
    assert [len(p.xpath("//article[@class='portal-card']")) for p in org_pages] == [20, 25]
    assert not (site / "organizations/iso/page/3").exists()
