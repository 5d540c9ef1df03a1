"""The fixture content is valid, builds strictly, and still holds every case the behaviour tests rely on."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.graph import Catalog
from generator.dates import Precision
from generator.outputs.feeds import FEED_LIMIT
from generator.pages.plan import ENTITY_ARTICLES, PER_PAGE

from .. import fixture_site as fx
from ..fixture_site import Built
from ..workbench import run_portal


def test_fixture_content_is_clean_on_its_own() -> None:
    """The hand-written tree alone (without the generated briefs) passes `portal check --strict`; what it
    prints are notes (suggestions: standards known only by designation, an organization of kind committee)."""
    code, out, err = run_portal(fx.ROOT, "check", "--strict", "--content", str(fx.FIXTURE_CONTENT))
    assert code == 0, out + err
    assert all(line.startswith("  hint: ") or ": note[" in line for line in out.splitlines()), out


def test_fixture_builds_strictly_without_warnings(fixture_site: Built) -> None:
    assert "WARNING" not in fixture_site.log
    assert f"portal: 1 draft(s) left out: content/{fx.DRAFT_PATH}" in fixture_site.log


def test_fixture_covers_the_cases(fixture_catalog: Catalog) -> None:
    cat = fixture_catalog
    assert len(cat.articles) > 2 * PER_PAGE and len(cat.articles) > FEED_LIMIT
    assert len(cat.organizations[fx.BRIEF_ORG].articles) > ENTITY_ARTICLES
    assert sum(a.year == fx.BRIEF_YEAR for a in cat.articles.values()) > PER_PAGE
    assert cat.articles[fx.TRICKY_ID].date.precision is Precision.MONTH
    assert cat.articles[fx.TRICKY_ID].title == fx.TRICKY_TITLE
    assert cat.articles[fx.YEAR_ONLY_ID].date.precision is Precision.YEAR
    assert not cat.articles[fx.YEAR_ONLY_ID].source.attributed
    assert cat.articles[fx.UPDATED_ID].updated is not None
    images = cat.articles[fx.IMAGES_ID].images
    assert cat.articles[fx.IMAGES_ID].standards and any(i.file for i in images) and any(not i.file for i in images)
    assert cat.article_list[0].id == fx.NEWEST_ID
    assert cat.events[fx.MULTI_DAY_ID].end is not None
    assert cat.events[fx.MONTH_EVENT_ID].date.precision is Precision.MONTH
    assert cat.events[fx.YEAR_EVENT_ID].date.precision is Precision.YEAR
    assert cat.events[fx.DAY_EVENT_ID].date.precision is Precision.DAY
    assert cat.organizations[fx.CHILD_ORG_ID].parent is cat.organizations[fx.PARENT_ORG_ID]
    org = cat.organizations[fx.ORG_ID]
    assert org.short_name and org.name_zh and org.parent and org.place and org.people
    assert cat.organizations[fx.PARENT_ORG_ID].website and cat.organizations[fx.PARENT_ORG_ID].aliases
    assert len({r.organization for r in cat.people[fx.PERSON_ID].roles}) == 2
    assert [r.organization for r in cat.people[fx.NO_ORG_PERSON_ID].roles] == [None]
    city = cat.places[fx.CITY_ID]
    assert city.parent and cat.places[fx.DISTRICT_ID].parent is city
    assert {e.date.year for e in cat.events.values()} >= {2016, 2018, 2019, 2020, 2021}
    assert not (fx.FIXTURE_CONTENT / "news" / str(fx.BRIEF_YEAR)).exists()  # generated, never committed


def test_fixture_is_fictional() -> None:
    """Every organization, person and place file says so, or is plainly named 'Example'."""
    for path in sorted(Path(fx.FIXTURE_CONTENT).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert "xample" in text or "ictional" in text, path
