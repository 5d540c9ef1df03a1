"""`portal synth`: a deterministic, valid, realistically shaped synthetic corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.cli import synth

from ..helpers import portal


def _front(text: str) -> dict:
    return yaml.load(text.split("\n---\n", 1)[0].removeprefix("---\n"), Loader=yaml.CSafeLoader)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_writes_identical_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        done = portal("synth", "--articles", "120", "--seed", "7", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(first) > 120 and first == second
    assert synth.generate(120, 8) != synth.generate(120, 7)


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    done = portal("synth", "--articles", "10", str(tmp_path))
    assert done.returncode == 2 and "not an empty folder" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_counts_ratios_and_shape() -> None:
    n = 1000
    files = synth.generate(n, 3)
    folders = Counter(rel.split("/", 1)[0] for rel in files if "/" in rel)
    assert folders == {"news": n, "organizations": n // 10, "people": n // 20, "places": n // 50, "events": n // 5,
                       "standards": 7}  # a file for each standard the reports list
    assert {"index.md", "about.md", "contribute.md", "topics.yml"} <= set(files)
    assert len(yaml.safe_load(files["topics.yml"])) == 15

    years, words, tables, lists = set(), [], 0, 0
    for rel, text in files.items():
        if not rel.startswith("news/"):
            continue
        meta, body = _front(text), text.split("\n---\n", 1)[1]
        year = rel.split("/")[1]
        assert meta["date"][:4] == year  # the year folder matches the date
        years.add(year)
        assert 1 <= len(meta["organizations"]) <= 6
        assert 0 <= len(meta.get("people", [])) <= 3
        assert 1 <= len(meta["places"]) <= 2
        assert 0 <= len(meta.get("events", [])) <= 2
        words.append(len(body.split()))
        tables += "| --- |" in body
        lists += "\n- " in body
    assert len(years) == 15
    assert 400 <= sum(words) / len(words) <= 650  # ≈500 words
    assert 0.1 * n < tables < 0.4 * n and 0.3 * n < lists < 0.8 * n

    events = [_front(t) for rel, t in files.items() if rel.startswith("events/")]
    precision = Counter(len(e["date"]) for e in events)  # 10 = day, 7 = month, 4 = year
    assert set(precision) == {4, 7, 10} and precision[10] > precision[7] > 0
    orgs = [_front(t) for rel, t in files.items() if rel.startswith("organizations/")]
    assert sum("parent" in o for o in orgs) > len(orgs) / 10  # a hierarchy, not a flat list
    places = [_front(t) for rel, t in files.items() if rel.startswith("places/")]
    assert sum("parent" in p for p in places) > len(places) / 2
    people = [_front(t) for rel, t in files.items() if rel.startswith("people/")]
    assert all(p["roles"] for p in people)


@pytest.mark.parametrize("articles", [300])
def test_corpus_passes_portal_check(tmp_path: Path, articles: int) -> None:
    assert portal("synth", "--articles", str(articles), str(tmp_path / "content")).returncode == 0
    done = portal("check", "--content", str(tmp_path / "content"))
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"{articles} articles" in done.stderr
    assert "0 errors, 0 warnings" in done.stderr
