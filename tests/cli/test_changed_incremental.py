"""Issue 16: `portal check --changed` checks only the affected files, from cached per-file summaries, and
reports exactly what a full check reports about them (cold cache, warm cache, after a code change)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import changed
from generator.pipeline import build_catalog
from generator.validate import summaries

from ..helpers import ROOT, write_tree
from ..workbench import commit, init, run_portal


def _article(title: str, day: int, orgs: list[str], extra: str = "", body: str = "Text.") -> str:
    listed = "".join(f"  - {o}\n" for o in orgs)
    return (f'---\ntitle: {title}\ndate: "2024-05-{day:02d}"\nsummary: {title}.\nsource:\n  name: China Daily\n'
            f"organizations:\n{listed}{extra}---\n\n{body}\n")


BASE = {
    "index.md": "# Home\n",
    "topics.yml": "pilots:\n  name: Pilots\nservices:\n  name: Services\n",
    "organizations/acme.md": "---\nname: Acme Standards\n---\n",
    "organizations/beta.md": "---\nname: Beta Bureau\nparent: acme\n---\n",
    "organizations/gamma.md": "---\nname: Gamma Council\n---\n",
    "organizations/omega.md": "---\nname: Omega Office\n---\n",
    "people/aaa.md": "---\nname: Aaa Wu\n---\n",
    "people/ann-lee.md": "---\nname: Ann Lee\nroles:\n  - title: director\n    organization: acme\n---\n",
    "people/zed.md": "---\nname: Zed Li\n---\n",
    "places/east.md": "---\nname: East\nparent: west\n---\n",
    "places/west.md": "---\nname: West\nparent: east\n---\n",  # a loop already committed
    "events/summit.md": '---\ntitle: Summit\ndate: "2024-05-01"\nplace: east\norganizations: [omega]\n---\n',
    "news/2024/one.md": _article("One", 6, ["acme", "beta"], "topics:\n  - pilots\npeople:\n  - ann-lee\n"),
    "news/2024/two.md": _article("Two", 7, ["beta"], "events:\n  - summit\n"),
    "news/2024/three.md": _article("Three", 8, ["gamma", "omega"], "places: [west]\n"),
    "news/2024/four.md": _article("Four", 9, ["omega"], "people: [aaa, zed]\ntopics: [services]\n",
                                  "See [one](one.md)."),
}


def _edit(content: Path) -> None:
    """Deliberate errors: a broken reference from the edited file and a bad character in it, a broken link,
    a deleted organization still referenced, a renamed id, duplicate names both ways, an edited place in a
    loop, an organization whose model now fails, and a topic renamed in topics.yml."""
    (content / "news/2024/one.md").write_text(
        _article("One", 6, ["acme", "acmee", "beta"], "topics:\n  - pilots\n",
                 "Te\u0085xt with [a link](gone.md) and TODO later.\nTODO: write it"), encoding="utf-8")
    (content / "organizations/gamma.md").unlink()
    (content / "organizations/beta.md").rename(content / "organizations/beta-bureau.md")
    (content / "people/aaa.md").write_text("---\nname: Zed Li\n---\n", encoding="utf-8")  # zed.md is later
    (content / "people/ann-lee-2.md").write_text("---\nname: Ann  Lee\n---\n", encoding="utf-8")
    (content / "places/east.md").write_text("---\nname: East side\nparent: west\n---\n", encoding="utf-8")
    (content / "organizations/omega.md").write_text("---\nname: Omega Office\nkind: bogus\n---\n", encoding="utf-8")
    (content / "topics.yml").write_text("pilot-zones:\n  name: Pilots\nservices:\n  name: Services\n",
                                        encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(tmp_path / "content", BASE)
    init(tmp_path)
    commit(tmp_path, "base")
    _edit(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _full_then_filtered(repo: Path) -> list[dict[str, object]]:
    """The reference: a full check of every file, filtered to the affected ones (the former --changed)."""
    result = build_catalog(repo / "content")
    return [d.to_json() for d in changed.select(result.report.items, result.tree, None)]


def _changed(repo: Path) -> list[dict[str, object]]:
    code, out, err = run_portal(repo, "check", "--changed", "--format", "json")
    assert code == 1, err
    return list(json.loads(out))


def test_changed_reports_what_a_full_check_reports_about_the_affected_files(repo: Path) -> None:
    expected = _full_then_filtered(repo)
    codes = {d["code"] for d in expected}
    # The fixture really holds every kind of problem this test is about.
    for needed in ("unknown-reference", "duplicate-name", "parent-cycle", "control-character", "placeholder",
                   "broken-link"):
        assert needed in codes, needed
    hints = " ".join(str(d["hint"]) for d in expected)
    assert "was deleted in this change" in hints and "was renamed to" in hints and "'pilot-zones'" in hints
    assert any("zed.md" in str(d["path"]) and "aaa.md" in str(d["message"]) for d in expected)

    cold = _changed(repo)  # no cache: every file summarized
    assert cold == expected
    warm = _changed(repo)  # every summary from the cache
    assert warm == expected
    files = summaries.summarize_tree(repo / "content", summaries.cache_for(repo / "content"))
    assert files.cache is not None and (files.cache.hits, files.cache.misses) == (len(files.summaries), 0)


def test_a_code_change_or_a_damaged_cache_empties_the_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _full_then_filtered(repo)
    assert _changed(repo) == expected
    real = summaries.code_version
    monkeypatch.setattr(summaries, "code_version", lambda *a: real(*a) + "-changed")
    files = summaries.summarize_tree(repo / "content", summaries.cache_for(repo / "content"))
    assert files.cache is not None and files.cache.hits == 0 and files.cache.misses == len(files.summaries)
    assert _changed(repo) == expected
    monkeypatch.undo()
    for name in ("portal-check.json", "portal-check.new.json"):
        (repo / ".cache" / name).write_bytes(b"\x80\x05garbage")
    assert _changed(repo) == expected
    (repo / ".cache" / "portal-check.json").write_bytes(b"")
    (repo / ".cache" / "portal-check.new.json").unlink(missing_ok=True)
    assert _changed(repo) == expected


def test_one_edit_summarizes_one_file(repo: Path) -> None:
    _changed(repo)
    article = repo / "content/news/2024/two.md"
    article.write_text(article.read_text(encoding="utf-8").replace("  - beta\n", "  - betaa\n"), encoding="utf-8")
    files = summaries.summarize_tree(repo / "content", summaries.cache_for(repo / "content"))
    assert files.cache is not None and files.cache.misses == 1
    assert _changed(repo) == _full_then_filtered(repo)


def test_a_warm_check_does_not_import_pydantic(repo: Path) -> None:
    # Placeholders are worded from the models' field descriptions: this check is about a change without any.
    (repo / "content/news/2024/one.md").write_text(_article("One", 6, ["acmee"]), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    probe = ("import sys; from generator.cli import main; code = main(['check', '--changed']); "
             "print('PYDANTIC' if 'pydantic' in sys.modules else 'none', code)")
    first = subprocess.run([sys.executable, "-c", probe], cwd=repo, env=env, capture_output=True, text=True,
                           timeout=120)
    assert first.stdout.split()[-2:] == ["PYDANTIC", "1"], first.stderr  # cold: the models check every file
    second = subprocess.run([sys.executable, "-c", probe], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=120)
    assert second.stdout.split()[-2:] == ["none", "1"], second.stderr


def test_a_full_check_from_the_caches_reports_what_the_full_check_reports(repo: Path) -> None:
    plain = run_portal(repo, "check", "--format", "json")
    assert plain[0] == 1 and len(json.loads(plain[1])) > 10
    (repo / "content/.hidden.md").write_text("x", encoding="utf-8")  # a file the walk refuses
    (repo / "content/news/2024/five.md").write_text(_article("Five", 10, ["acme"], body="[x](../nowhere.md)"),
                                                    encoding="utf-8")
    plain, text = run_portal(repo, "check", "--format", "json"), run_portal(repo, "check")
    assert "checked 17 files (5 articles, 2 organizations, 1 events, 4 people" in text[2]  # the catalog's counts
    for run in ("cold", "warm"):
        assert run_portal(repo, "check", "--cache", "--format", "json") == plain, run
        assert run_portal(repo, "check", "--cache") == text, run
    assert (repo / ".cache/portal-check.json").is_file() and (repo / ".cache/portal-parse.json").is_file()
    files = summaries.summarize_tree(repo / "content", summaries.cache_for(repo / "content"))
    assert files.cache is not None and files.cache.misses == 0


def test_an_entry_of_another_shape_is_summarized_again(repo: Path) -> None:
    expected = _changed(repo)
    cache = summaries.cache_for(repo / "content")
    for key in list(cache.entries):
        cache.put(key, ("no-such-kind", "x"))  # readable, right version, wrong shape
    cache.save(set(cache.entries))
    assert _changed(repo) == expected
