"""The catalog stage alone, on a small tree: links both ways, order, drafts, and parent loops left out."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.build import build
from generator.diagnostics import Report
from generator.load.documents import load_tree
from generator.validate.entries import validate
from generator.validate.valid import Valid

from ..helpers import write_tree


def article(title: str, date: str, *refs: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsummary: S.\nsource:\n  name: Example Daily\n" + "".join(
        f"{r}\n" for r in refs) + "---\nText.\n"


def stages(root: Path, files: dict[str, str]) -> tuple[Valid, Report]:
    report = Report()
    valid = validate(load_tree(write_tree(root / "content", files), report), report)
    return valid, report


def test_references_become_links_in_both_directions(tmp_path: Path) -> None:
    valid, _ = stages(tmp_path, {
        "organizations/acme.md": "---\nname: Acme Institute\nplace: bay\n---\n",
        "places/bay.md": "---\nname: Acme Bay\nkind: city\n---\n",
        "events/forum.md": "---\ntitle: Forum\ndate: 2020-05-01\nkind: forum\nsummary: S.\nplace: bay\n"
                           "organizations: [acme]\n---\n",
        "news/2020/one.md": article("One", "2020-05-02", "organizations: [acme]", "events: [forum]"),
    })
    cat = build(valid)
    acme, bay, forum, one = cat.organizations["acme"], cat.places["bay"], cat.events["forum"], cat.articles["2020/one"]
    assert one.organizations == [acme] and acme.articles == [one]
    assert one.events == [forum] and forum.articles == [one]
    assert forum.place is bay and bay.events == [forum] and bay.organizations == [acme]
    assert acme.events == [forum] and forum.organizations == [acme]


def test_articles_are_newest_first_with_neighbours_and_drafts_left_out(tmp_path: Path) -> None:
    valid, _ = stages(tmp_path, {
        "news/2019/old.md": article("Old", "2019-01-01"),
        "news/2021/new.md": article("New", "2021-03-04"),
        "news/2020/mid.md": article("Mid", "2020-06"),
        "news/2020/draft.md": article("Draft", "2020-07-01", "draft: true"),
    })
    cat = build(valid)
    assert list(cat.articles) == ["2021/new", "2020/mid", "2019/old"]
    mid = cat.articles["2020/mid"]
    assert mid.next is cat.articles["2021/new"] and mid.previous is cat.articles["2019/old"]
    assert cat.articles["2021/new"].next is None and cat.articles["2019/old"].previous is None
    assert [Path(p).name for p in cat.drafts] == ["draft.md"]


def test_entities_are_listed_by_name_and_parent_loops_are_not_linked(tmp_path: Path) -> None:
    valid, report = stages(tmp_path, {
        "organizations/b.md": "---\nname: beta Body\nparent: a\n---\n",
        "organizations/a.md": "---\nname: Zeta Body\nparent: b\n---\n",
        "organizations/c.md": "---\nname: Gamma Body\nparent: a\n---\n",
    })
    assert [d.code for d in report.errors] == ["parent-cycle"]
    cat = build(valid)
    assert list(cat.organizations) == ["b", "c", "a"]  # by name, case-insensitively: beta, Gamma, Zeta
    a, b, c = (cat.organizations[k] for k in "abc")
    assert a.parent is None and b.parent is None  # the loop a ↔ b is reported, not linked
    assert c.parent is a and a.children == [c]


def test_an_empty_validation_gives_an_empty_catalog() -> None:
    cat = build(Valid())
    assert cat.counts() == dict.fromkeys(cat.counts(), 0) and not cat.drafts
