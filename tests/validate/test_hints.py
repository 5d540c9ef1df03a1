"""Issue 12 §3: every diagnostic hint says what to write, and every problem of a file shows in one run."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.dates import PartialDate, suggest
from generator.diagnostics import Diagnostic
from generator.pipeline import build_catalog

from ..helpers import write_tree
from ..workbench import run_portal

ARTICLE = """\
---
title: One
date: "{date}"
summary: S
source:
  name: Xinhua
---

Text.
"""


def check(tmp_path: Path, files: dict[str, str]) -> list[Diagnostic]:
    write_tree(tmp_path / "content", {"index.md": "# Home\n", **files})
    return build_catalog(tmp_path / "content").report.items


def only(items: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in items if d.code == code]
    assert len(found) == 1, [d.format_text() for d in items]
    return found[0]


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "hint"), [
    ("2023-3-30", 'write "2023-03-30"'),
    ("2023-03-5", 'write "2023-03-05"'),
    ("August 2022", 'write "2022-08"'),
    ("Aug 2022", 'write "2022-08"'),
    ("Sept. 2016", 'write "2016-09"'),
    ("30 March 2023", 'write "2023-03-30"'),
    ("March 30, 2023", 'write "2023-03-30"'),
    ("2023/03/30", 'write "2023-03-30"'),
    ("2023.3.30", 'write "2023-03-30"'),
    ("2023年3月30日", 'write "2023-03-30"'),
    ("2023-03-30T09:00:00Z", 'write "2023-03-30"'),
    # No form to suggest: a date that does not exist, an order that is ambiguous, no date at all.
    ("30 February 2023", "dates are YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar"),
    ("03/04/2023", "dates are YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar"),
    ("soon", "dates are YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar"),
])
def test_a_date_in_another_form_gets_the_form_to_write(tmp_path: Path, written: str, hint: str) -> None:
    year = written[:4] if written[:4].isdigit() else "2023"
    items = check(tmp_path, {f"news/{year}/one.md": ARTICLE.format(date=written)})
    found = only(items, "invalid-date")
    assert (found.line, found.col, found.hint) == (3, 7, hint)
    better = hint.removeprefix('write "').removesuffix('"')
    if better != hint:  # what the hint says to write is a valid date, and the same day
        assert PartialDate.parse(better).iso() == better == suggest(written)


def test_the_suggested_date_is_accepted(tmp_path: Path) -> None:
    assert not check(tmp_path, {"news/2023/one.md": ARTICLE.format(date="2023-03-30")})


# --- YAML -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("front", "line", "col", "message", "hint"), [
    ("name: Acme\naliases:\n\t- A\n", 4, 1, "YAML syntax error: a tab in the indentation",
     "indent with spaces, not tabs (a tab at line 4, column 1)"),
    ("name: Acme\naliases:\n  - A\n  \t- B\n", 5, 3, "YAML syntax error: a tab in the indentation",
     "indent with spaces, not tabs (a tab at line 5, column 3)"),
    ("name: Acme\naliases: []\n  - A\n  - B\n", 3, 10,
     "YAML syntax error: 'aliases: []' is an empty list, so the items below it cannot be read",
     'remove "[]" to write the list as lines below the key'),
    ("name: Acme\naliases: []\n- A\n", 3, 10,
     "YAML syntax error: 'aliases: []' is an empty list, so the items below it cannot be read",
     'remove "[]" to write the list as lines below the key'),
    ('name: "Acme Bureau\nshort_name: AB\n', 2, 7,
     "YAML syntax error: the quote that opens the value of 'name' is never closed",
     'close the quote at the end of the line: name: "Acme Bureau"'),
    ("name: 'Acme Bureau\nshort_name: AB\n", 2, 7,
     "YAML syntax error: the quote that opens the value of 'name' is never closed",
     "close the quote at the end of the line: name: 'Acme Bureau'"),
    ('name: "Acme Bureau\nshort_name: "AB"\n', 2, 7,  # the open quote runs on to the next field's quote
     "YAML syntax error: the quote that opens the value of 'name' is never closed",
     'close the quote at the end of the line: name: "Acme Bureau"'),
    ('name: "The "best" bureau"\n', 2, 12,
     "YAML syntax error: the value of 'name' ends at its second \", but more text follows",
     "quote the whole value, with the other kind of quotes: name: 'The \"best\" bureau'"),
    ("name: 'Acme's bureau'\n", 2, 12,
     "YAML syntax error: the value of 'name' ends at its second ', but more text follows",
     "quote the whole value, with the other kind of quotes: name: \"Acme's bureau\""),
    ("name: Lam: the bureau\n", 2, 10,
     "YAML syntax error: the value of 'name' contains ': ', which YAML reads as the start of another field",
     'put the value in quotes: name: "Lam: the bureau"'),
    ("roles:\n  - title: director: acting\n", 3, 20,
     "YAML syntax error: the value of 'title' contains ': ', which YAML reads as the start of another field",
     'put the value in quotes: title: "director: acting"'),
    ("name: Acme\naliases: [A, B\nshort_name: C\n", 3, 10,
     "YAML syntax error: the list in the value of 'aliases' is never closed",
     "close it with ] on the same line: aliases: [A, B]"),
    ("name: Acme\nsource: {name: Xinhua\n", 3, 9,
     "YAML syntax error: the mapping in the value of 'source' is never closed",
     "close it with } on the same line: source: {name: Xinhua}"),
    ("name: Acme\n  kind: company\n", 3, 7, "YAML syntax error: mapping values are not allowed in this context",
     "check indentation, and quote values that contain ': ', '#', or start with '[', '{', '*', '&', '!' or '@'"),
])
def test_yaml_mistakes_get_what_to_write(tmp_path: Path, front: str, line: int, col: int, message: str,
                                         hint: str) -> None:
    items = check(tmp_path, {"people/acme.md": f"---\n{front}---\n"})
    found = only(items, "yaml-syntax")
    assert (found.line, found.col, found.message, found.hint) == (line, col, message, hint)


def test_the_fix_the_hint_gives_parses(tmp_path: Path) -> None:
    items = check(tmp_path, {"organizations/acme.md": '---\nname: Lam: the bureau\n---\n'})
    fixed = only(items, "yaml-syntax").hint.removeprefix("put the value in quotes: ")
    assert not [d for d in check(tmp_path / "fixed", {"organizations/acme.md": f"---\n{fixed}\n---\n"})
                if d.is_error]


# --- unknown references -----------------------------------------------------------------------

ENTITIES = {
    "organizations/sac.md": """\
        ---
        name: Standardization Administration of China
        short_name: SAC
        aliases:
          - National Standardization Administration
        ---
        """,
    "organizations/iso.md": "---\nname: International Organization for Standardization\nshort_name: ISO\n---\n",
    "people/tian-shihong.md": "---\nname: Tian Shihong\n---\n",
    "events/wsd-2022.md": '---\ntitle: World Standards Day 2022\ndate: "2022-10-14"\n---\n',
    "places/beijing.md": "---\nname: Beijing\n---\n",
    "topics.yml": "world-standards-day:\n  name: Observances\n",
}


def article_with(**lists: list[str]) -> str:
    body = "".join(f"{key}:\n" + "".join(f"  - {v}\n" for v in values) for key, values in lists.items())
    return ARTICLE.format(date="2023-03-30").replace("---\n\nText.", f"{body}---\n\nText.")


@pytest.mark.parametrize(("key", "ref", "hint"), [
    ("organizations", "standardization-administration-of-china",
     "did you mean 'sac' (Standardization Administration of China)?"),
    ("organizations", "national-standardization-administration",  # an alias, as an id
     "did you mean 'sac' (Standardization Administration of China)?"),
    ("organizations", "international-organization-for-standardisation",  # by spelling, of a name
     "did you mean 'iso' (International Organization for Standardization)?"),
    ("organizations", "standards-council-of-canada",
     "create content/organizations/standards-council-of-canada.md or fix the id"),
    ("organizations", "isoo", "did you mean 'iso' (International Organization for Standardization)?"),
    ("people", "tian-shi-hong", "did you mean 'tian-shihong' (Tian Shihong)?"),
    ("events", "world-standards-day-2022", "did you mean 'wsd-2022' (World Standards Day 2022)?"),
    ("places", "xian", "create content/places/xian.md or fix the id"),
    ("topics", "observances", "did you mean 'world-standards-day' (Observances)?"),
    ("places", "iso", "'iso' is the id of an organization (International Organization for Standardization), "
                      "not of a place"),
    ("organizations", "beijing", "'beijing' is the id of a place (Beijing), not of an organization"),
])
def test_unknown_reference_names_the_entity_meant(tmp_path: Path, key: str, ref: str, hint: str) -> None:
    items = check(tmp_path, {**ENTITIES, "news/2023/one.md": article_with(**{key: [ref]})})
    found = only(items, "unknown-reference")
    what = {"organizations": "organization", "people": "person", "events": "event", "places": "place",
            "topics": "topic"}[key]
    assert (found.line, found.col, found.message, found.hint) == (8, 5, f"no {what} with id '{ref}'", hint)


def test_a_hint_is_worked_out_once_per_distinct_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.validate.references as validate

    calls: list[str] = []
    original = validate.ReferenceCheck._hint

    def counting(self: validate.ReferenceCheck, what: str, ref: str) -> str:
        calls.append(ref)
        return original(self, what, ref)

    monkeypatch.setattr(validate.ReferenceCheck, "_hint", counting)
    files = {f"news/2023/a{i}.md": article_with(organizations=["sacc", "standardization-administration-of-china"])
             for i in range(5)}
    items = check(tmp_path, {**ENTITIES, **files})
    assert len([d for d in items if d.code == "unknown-reference"]) == 10
    assert sorted(calls) == ["sacc", "standardization-administration-of-china"]


def test_spelling_is_compared_for_a_bounded_number_of_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.validate.references as validate

    calls: list[str] = []
    real = validate.difflib.get_close_matches
    monkeypatch.setattr(validate.difflib, "get_close_matches", lambda w, *a, **k: calls.append(w) or real(w, *a, **k))
    refs = [f"unknown-{i}" for i in range(validate.MAX_GUESSES + 30)]
    items = check(tmp_path, {**ENTITIES, "news/2023/one.md": article_with(organizations=[
        *refs, "standardization-administration-of-china"])})
    hints = [d.hint for d in items if d.code == "unknown-reference"]
    assert len(hints) == len(refs) + 1 and len(calls) == validate.MAX_GUESSES
    # A name is a dict lookup, not a comparison: found however many came before.
    assert hints[-1] == "did you mean 'sac' (Standardization Administration of China)?"


# --- every problem in one run ----------------------------------------------------------------


def test_a_missing_field_does_not_hide_the_other_problems_of_the_file(tmp_path: Path) -> None:
    text = """\
        ---
        title: One
        date: "2024-05-06"
        updated: "2024-05-01"
        source:
          name: Xinhua
        organizations:
          - acme
        images:
          - caption: C
            file: images/none.jpg
        kind: report
        ---

        Text.
        """
    items = check(tmp_path, {"news/2023/one.md": text, "events/fair.md":
                             '---\ntitle: Fair\ndate: "2024-05-06"\nend: "2024-05-01"\nkind: fair\n---\n',
                             "people/ann.md": '---\nname: Ann\nroles:\n  - title: head\n    from: "2020"\n'
                                              '    to: "2019"\n    organisation: x\n---\n'})
    found = {(d.path.split("content/")[1], d.line, d.col, d.code) for d in items}
    assert found == {
        ("news/2023/one.md", 1, 1, "missing-field"),  # summary
        ("news/2023/one.md", 3, 7, "year-folder"),
        ("news/2023/one.md", 4, 10, "date-order"),
        ("news/2023/one.md", 8, 5, "unknown-reference"),
        ("news/2023/one.md", 11, 11, "missing-file"),
        ("news/2023/one.md", 12, 1, "unknown-key"),
        ("events/fair.md", 4, 6, "date-order"),
        ("events/fair.md", 5, 7, "invalid-value"),
        ("people/ann.md", 6, 9, "date-order"),
        ("people/ann.md", 7, 5, "unknown-key"),
    }
    year = next(d for d in items if d.code == "year-folder")
    assert year.hint == "move it to content/news/2024/ or correct the date"


def test_an_invalid_date_is_not_also_a_year_folder_or_order_error(tmp_path: Path) -> None:
    items = check(tmp_path, {"news/2023/one.md": ARTICLE.format(date="2024-13-01")})
    assert [d.code for d in items] == ["invalid-date"]


# --- portal new -------------------------------------------------------------------------------


def test_new_article_without_date_says_which_date_it_used(tmp_path: Path) -> None:
    write_tree(tmp_path / "content", {"index.md": "# Home\n"})
    before = dt.date.today().isoformat()
    code, out, err = run_portal(tmp_path, "new", "article", "Acme opens")
    after = dt.date.today().isoformat()
    assert code == 0
    used = re.search(r"dated today, (\d{4}-\d{2}-\d{2});", err)
    assert used and used[1] in (before, after)
    assert err.splitlines()[0] == (f"portal: note: no --date given, so the article is dated today, {used[1]}; "
                                   "change 'date' if the report is from another day")
    assert out.strip() == f"content/news/{used[1][:4]}/acme-opens.md"
    assert f'date: "{used[1]}"' in (tmp_path / out.strip()).read_text(encoding="utf-8")
    code, _, err = run_portal(tmp_path, "new", "article", "Acme closes", "--date", "2024-05-06")
    assert code == 0 and "no --date given" not in err


def test_new_article_with_a_date_in_another_form_says_what_to_write(tmp_path: Path) -> None:
    write_tree(tmp_path / "content", {"index.md": "# Home\n"})
    code, _, err = run_portal(tmp_path, "new", "article", "Acme", "--date", "30 March 2023")
    assert code == 1
    assert err.strip() == ("portal: error: --date: '30 March 2023' is not a date in the form YYYY, YYYY-MM or "
                           'YYYY-MM-DD; write "2023-03-30"')


# --- countries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "message", "hint"), [
    ("cn", "'country' must be a two-letter country code in capitals, not 'cn'", 'write country: "CN"'),
    ("China", "'country' must be a two-letter country code in capitals, not 'China'", 'write country: "CN"'),
    ("CHN", "'country' must be a two-letter country code in capitals, not 'CHN'", 'write country: "CN"'),
    ("Switzerland", "'country' must be a two-letter country code in capitals, not 'Switzerland'",
     'write country: "CH"'),
    ('"QQ"', "'country': 'QQ' is not an ISO 3166-1 country code",
     'use an ISO 3166-1 alpha-2 code in quotes, e.g. country: "CN"'),
    ("Atlantis", "'country' must be a two-letter country code in capitals, not 'Atlantis'",
     'use an ISO 3166-1 alpha-2 code in quotes, e.g. country: "CN"'),
])
def test_a_country_gets_the_code_to_write(tmp_path: Path, written: str, message: str, hint: str) -> None:
    found = only(check(tmp_path, {"places/here.md": f"---\nname: Here\ncountry: {written}\n---\n"}),
                 "invalid-country")
    assert (found.line, found.col, found.message, found.hint) == (3, 10, message, hint)
