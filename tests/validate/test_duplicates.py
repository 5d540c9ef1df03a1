"""Issue 12 §2: two files for one organization, person, place, event or topic are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic
from generator.pipeline import build_catalog
from generator.validate.names import name_key

from ..helpers import ROOT, write_tree
from ..workbench import run_portal


def warnings(tmp_path: Path, files: dict[str, str]) -> list[Diagnostic]:
    write_tree(tmp_path / "content", {"index.md": "# Home\n", **files})
    items = build_catalog(tmp_path / "content").report.items
    return [d for d in items if d.code == "duplicate-name"]


def short(d: Diagnostic) -> str:
    return d.format_text().split("/content/", 1)[1]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Tian Shihong", "Tian Shi-hong", True),
    ("Tian Shihong", "tian shihong", True),
    ("Standardization Administration of China", "Standardization administration of China.", True),
    ("Standardization Administration of China", "STANDARDIZATION  ADMINISTRATION OF CHINA", True),
    ("国家标准化管理委员会", "国家标准化管理委员会 ", True),
    ("Li Ming", "Li Min", False),
    ("SAC", "SAIC", False),
])
def test_names_compare_without_case_spaces_or_punctuation(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


def test_a_person_added_twice_is_reported_naming_both_files(tmp_path: Path) -> None:
    found = warnings(tmp_path, {
        "people/tian-shihong.md": "---\nname: Tian Shihong\n---\n",
        "people/tian-shi-hong.md": "---\nname: Tian Shi Hong\n---\n",
    })
    assert [short(d) for d in found] == [
        "people/tian-shihong.md:2:7: warning[duplicate-name]: person 'tian-shihong' may be a duplicate of "
        "'tian-shi-hong' (" + str(tmp_path / "content/people/tian-shi-hong.md") + "): its name 'Tian Shihong' "
        "matches the name 'Tian Shi Hong' of 'tian-shi-hong'\n"
        "  hint: if both are the same person, keep one and point every reference at it; if not, give each its "
        "Chinese name (name_zh), or its roles' organizations"
    ]


def test_a_person_whose_id_spells_another_ones_name(tmp_path: Path) -> None:
    found = warnings(tmp_path, {
        "people/tian-shihong.md": "---\nname: Tian Shihong\n---\n",
        "people/tian-shi-hong.md": "---\nname: T. S. Hong\n---\n",
    })
    assert len(found) == 1 and found[0].path.endswith("people/tian-shihong.md")
    assert "its name 'Tian Shihong' matches the id 'tian-shi-hong' of 'tian-shi-hong'" in found[0].message


@pytest.mark.parametrize(("second", "line", "col", "words"), [
    ("---\nname: Standardization Administration of China\n---\n", 2, 7,
     "its name 'Standardization Administration of China' matches the name "
     "'Standardization Administration of China' of 'sac'"),
    ("---\nname: National standards body\nshort_name: S.A.C.\n---\n", 3, 13,
     "its short name 'S.A.C.' matches the short name 'SAC' of 'sac'"),
    ("---\nname: National standards body\naliases:\n  - Other\n  - National Standardization Administration\n---\n",
     5, 5, "its alias 'National Standardization Administration' matches the alias "
     "'National Standardization Administration' of 'sac'"),
    ("---\nname: National standards body\nname_zh: 国家标准化管理委员会\n---\n", 3, 10,
     "its Chinese name '国家标准化管理委员会' matches the Chinese name '国家标准化管理委员会' of 'sac'"),
    ("---\nname: SAC\n---\n", 2, 7, "its name 'SAC' matches the short name 'SAC' of 'sac'"),
])
def test_a_second_organization_of_the_same_name(tmp_path: Path, second: str, line: int, col: int, words: str) -> None:
    found = warnings(tmp_path, {
        "organizations/sac.md": "---\nname: Standardization Administration of China\nshort_name: SAC\n"
                                "aliases:\n  - National Standardization Administration\n"
                                "name_zh: 国家标准化管理委员会\n---\n",
        "organizations/standards-body.md": second,
    })
    assert len(found) == 1, [d.format_text() for d in found]
    d = found[0]
    assert d.path.endswith("organizations/standards-body.md") and (d.line, d.col) == (line, col)
    assert d.message == (f"organization 'standards-body' may be a duplicate of 'sac' "
                         f"({tmp_path / 'content/organizations/sac.md'}): {words}")


def test_places_topics_and_events(tmp_path: Path) -> None:
    found = warnings(tmp_path, {
        "places/beijing.md": "---\nname: Beijing\n---\n",
        "places/beijing-city.md": "---\nname: Beijing\n---\n",
        "topics.yml": "quality:\n  name: Quality\nquality-work:\n  name: quality\nother:\n  name: Other\n",
        "events/wsd-2022.md": '---\ntitle: World Standards Day\ndate: "2022-10-14"\n---\n',
        "events/wsd-2022-beijing.md": '---\ntitle: World Standards Day\ndate: "2022-10-14"\n---\n',
        "events/wsd-2023.md": '---\ntitle: World Standards Day\ndate: "2023-10-14"\n---\n',  # another year
    })
    assert sorted((short(d).split(": warning")[0], d.message.split(" may")[0]) for d in found) == [
        ("events/wsd-2022.md:2:8", "event 'wsd-2022'"),
        ("places/beijing.md:2:7", "place 'beijing'"),
        ("topics.yml:4:9", "topic 'quality-work'"),
    ]
    topic = next(d for d in found if d.path.endswith("topics.yml"))
    assert f"({tmp_path / 'content/topics.yml'}, line 2)" in topic.message


def test_distinct_names_and_one_entity_repeating_its_own_name_pass(tmp_path: Path) -> None:
    assert warnings(tmp_path, {
        "organizations/iso.md": "---\nname: ISO\nshort_name: ISO\naliases: [I.S.O.]\n---\n",
        "organizations/iec.md": "---\nname: International Electrotechnical Commission\nshort_name: IEC\n---\n",
        "people/li-ming.md": "---\nname: Li Ming\n---\n",
        "places/li-ming.md": "---\nname: Li Ming\n---\n",  # another kind: not a duplicate
    }) == []


@pytest.mark.parametrize(("kind", "a", "b"), [
    ("people", "name: Wang Wei\nname_zh: 王伟", "name: Wang Wei\nname_zh: 王威"),
    ("people", "name: Wang Wei\nroles:\n  - title: director\n    organization: acme",
     "name: Wang Wei\nroles:\n  - title: engineer\n    organization: beta"),
    ("places", "name: Putuo District\nparent: shanghai", "name: Putuo District\nparent: zhoushan"),
    ("places", "name: Springfield\ncountry: \"US\"", "name: Springfield\ncountry: \"AU\""),
    ("organizations", "name: Quality Bureau\nplace: shanghai", "name: Quality Bureau\nplace: zhoushan"),
    ("events", 'title: World Standards Day\ndate: "2022-10-14"\nplace: shanghai',
     'title: World Standards Day\ndate: "2022-10-14"\nplace: zhoushan'),
])
def test_namesakes_told_apart_by_a_field_pass(tmp_path: Path, kind: str, a: str, b: str) -> None:
    assert warnings(tmp_path, {f"{kind}/a.md": f"---\n{a}\n---\n", f"{kind}/b.md": f"---\n{b}\n---\n"}) == []


@pytest.mark.parametrize(("kind", "a", "b"), [
    ("people", "name: Wang Wei\nname_zh: 王伟", "name: Wang Wei"),  # only one gives it: not told apart
    ("people", "name: Wang Wei\nroles:\n  - title: director\n    organization: acme",
     "name: Wang Wei\nroles:\n  - title: engineer\n    organization: acme"),
    ("places", "name: Putuo District\nparent: shanghai", "name: Putuo District\nparent: shanghai"),
])
def test_namesakes_not_told_apart_are_reported(tmp_path: Path, kind: str, a: str, b: str) -> None:
    found = warnings(tmp_path, {f"{kind}/a.md": f"---\n{a}\n---\n", f"{kind}/b.md": f"---\n{b}\n---\n"})
    assert [d.path.rsplit("/", 1)[1] for d in found] == ["b.md"]


def test_one_warning_per_entity_even_when_several_names_match(tmp_path: Path) -> None:
    found = warnings(tmp_path, {
        "organizations/a.md": "---\nname: Acme\nshort_name: AC\naliases: [Acme Co]\n---\n",
        "organizations/b.md": "---\nname: Acme\nshort_name: AC\naliases: [Acme Co]\n---\n",
        "organizations/c.md": "---\nname: ACME\n---\n",
    })
    assert sorted(d.path.rsplit("/", 1)[1] for d in found) == ["b.md", "c.md"]


# --- portal new refuses a name that is taken --------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/sac.md": "---\nname: Standardization Administration of China\nshort_name: SAC\n"
                                "aliases: [National Standardization Administration]\n---\n",
        "people/tian-shihong.md": "---\nname: Tian Shihong\n---\n",
        "places/beijing.md": "---\nname: Beijing\n---\n",
    })
    return tmp_path


@pytest.mark.parametrize(("args", "error"), [
    (("organization", "sac-2", "--name", "Standardization Administration of China"),
     "the name 'Standardization Administration of China' matches the name 'Standardization Administration of "
     "China' of organization 'sac' (content/organizations/sac.md): if it is the same organization, refer to it "
     "as 'sac'; if it is another, run again with --namesake, then give each its parent, place or Chinese name "
     "(name_zh)"),
    (("organization", "nsa", "--name", "National standardization administration"),
     "the name 'National standardization administration' matches the alias 'National Standardization "
     "Administration' of organization 'sac' (content/organizations/sac.md): if it is the same organization, "
     "refer to it as 'sac'; if it is another, run again with --namesake, then give each its parent, place or "
     "Chinese name (name_zh)"),
    (("organization", "standards-body", "--name", "Standards body", "--short-name", "S.A.C."),
     "the short name 'S.A.C.' matches the short name 'SAC' of organization 'sac' (content/organizations/sac.md): "
     "if it is the same organization, refer to it as 'sac'; if it is another, run again with --namesake, then "
     "give each its parent, place or Chinese name (name_zh)"),
    (("person", "tian-shi-hong", "--name", "Tian Shi-hong"),
     "the name 'Tian Shi-hong' matches the name 'Tian Shihong' of person 'tian-shihong' "
     "(content/people/tian-shihong.md): if it is the same person, refer to it as 'tian-shihong'; if it is "
     "another, run again with --namesake, then give each its Chinese name (name_zh), or its roles' organizations"),
    (("place", "peking", "--name", "beijing"),
     "the name 'beijing' matches the name 'Beijing' of place 'beijing' (content/places/beijing.md): if it is "
     "the same place, refer to it as 'beijing'; if it is another, run again with --namesake, then give each its "
     "parent, country or Chinese name (name_zh)"),
])
def test_new_refuses_a_name_that_is_taken(project: Path, args: tuple[str, ...], error: str) -> None:
    code, out, err = run_portal(project, "new", *args)
    assert (code, out) == (1, "")
    assert err.strip() == f"portal: error: {error}"
    assert not (project / "content" / {"organization": "organizations", "person": "people",
                                        "place": "places"}[args[0]] / f"{args[1]}.md").exists()


def test_a_namesake_is_created_when_asked_for(project: Path) -> None:
    code, out, _ = run_portal(project, "new", "person", "tian-shihong-2", "--name", "Tian Shihong", "--namesake")
    assert (code, out.strip()) == (0, "content/people/tian-shihong-2.md")
    path = project / out.strip()
    path.write_text(path.read_text(encoding="utf-8").replace("# name_zh: \"\"", "name_zh: 田世红"), encoding="utf-8")
    (project / "content/people/tian-shihong.md").write_text("---\nname: Tian Shihong\nname_zh: 田士宏\n---\n",
                                                            encoding="utf-8")
    assert warnings(project / "again", {**{f"people/{p.name}": p.read_text(encoding="utf-8")
                                           for p in (project / "content/people").glob("*.md")}}) == []


def test_contributing_quotes_the_refusal(project: Path) -> None:
    code, _, err = run_portal(project, "new", "organization", "sac-2", "--name", "Standardization Administration "
                              "of China")
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert code == 1 and f"```text\n{err}```" in guide


def test_new_accepts_a_new_name_and_writes_the_short_name(project: Path) -> None:
    code, out, _ = run_portal(project, "new", "organization", "cnis", "--name", "China National Institute of "
                              "Standardization", "--short-name", "CNIS")
    assert code == 0
    text = (project / out.strip()).read_text(encoding="utf-8")
    assert 'short_name: "CNIS"' in text
    # An event is not compared: a yearly event keeps its title.
    code, _, _ = run_portal(project, "new", "event", "beijing", "--name", "Beijing", "--date", "2024")
    assert code == 0
