"""What is coming next (issue 23): the build lists the events still ahead on its day, and says that day; the
reader's browser decides against its own today. Month- and year-precision events are ahead until their month
or year is over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import html5lib
import pytest
from playwright.sync_api import Browser

from ..helpers import env, mkdocs_build, write_config, write_tree
from .conftest import CHROMIUM, require, serve

pytestmark = pytest.mark.browser

BUILT_ON = dt.date(2023, 11, 14)  # helpers.env's SOURCE_DATE_EPOCH, 1700000000
EVENT = "---\ntitle: {title}\ndate: \"{date}\"\norganizations: [acme]\n---\n"
ARTICLE = ("---\ntitle: Plans\ndate: \"2023-11-01\"\nsummary: Plans.\nsource: {name: X}\norganizations: [acme]\n"
           "events: [past-fair, month-fair, year-fair, spring-fair]\n---\nPlans.\n")
CONTENT = {
    "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
    "organizations/acme.md": "---\nname: Acme Standards\n---\n",
    "events/past-fair.md": EVENT.format(title="Past fair", date="2023-10-01"),
    "events/month-fair.md": EVENT.format(title="Month fair", date="2023-11"),  # no day: ahead until 30 November
    "events/year-fair.md": EVENT.format(title="Year fair", date="2023"),
    "events/spring-fair.md": EVENT.format(title="Spring fair", date="2024-03-10"),
    "news/2023/plans.md": ARTICLE,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("upcoming")
    assert env()["SOURCE_DATE_EPOCH"] == "1700000000" or pytest.skip("SOURCE_DATE_EPOCH set by the caller")
    run = mkdocs_build(write_config(root, write_tree(root / "content", CONTENT)))
    assert run.returncode == 0, run.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    yield from serve(site)


def _items(tree: object) -> list[tuple[str, str]]:
    section = next(s for s in tree.iter("section") if s.get("data-portal-upcoming") is not None)  # type: ignore[attr-defined]
    return [(li.find("a").text, li.get("data-portal-until")) for li in section.iter("li")]


def test_the_built_pages_list_what_is_ahead_on_the_build_day(site: Path) -> None:
    for url in ("", "timeline/", "organizations/acme/"):
        tree = html5lib.parse((site / url / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
        assert _items(tree) == [("Year fair", "2023-12-31"), ("Month fair", "2023-11-30"),
                                ("Spring fair", "2024-03-10")], url  # by date; the past fair is not there
        note = next(p for p in tree.iter("p") if p.get("data-portal-as-of"))  # type: ignore[attr-defined]
        assert note.get("data-portal-as-of") == BUILT_ON.isoformat()
        assert "14 November 2023, when this page was built" in note.text


@pytest.mark.parametrize(("today", "past"), [
    ("2023-11-20", set()),  # the month fair's month is not over
    ("2023-12-01", {"Month fair"}),
    ("2024-01-01", {"Month fair", "Year fair"}),
    ("2024-03-11", {"Month fair", "Year fair", "Spring fair"}),
])
def test_the_readers_today_decides(browser: Browser, base: str, today: str, past: set[str]) -> None:
    require(CHROMIUM.exists(), "Chromium")
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{today}T12:00:00"))
    page.goto(base)
    page.wait_for_function("document.querySelector('[data-portal-as-of]').textContent.includes('(today)')")
    marked = page.eval_on_selector_all(
        "[data-portal-upcoming] li", "els => els.filter(li => li.classList.contains('portal-past'))"
        ".map(li => li.querySelector('a').textContent)")
    assert set(marked) == past
    shown = page.eval_on_selector_all("[data-portal-upcoming] .portal-past-mark",
                                      "els => els.filter(e => !e.hidden).length")
    assert shown == len(past)
    note = page.text_content("[data-portal-as-of]") or ""
    day = dt.date.fromisoformat(today)
    assert f"{day.day} {day.strftime('%B')} {day.year} (today)" in note
    assert note.startswith("Nothing announced" if len(past) == 3 else "Dates still ahead")
    context.close()
