"""Issue 16: the parse cache — `portal check --changed` and `mkdocs serve` parse only the files that changed."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Report, render
from generator.load.cache import ParseCache
from generator.load.documents import load_tree

from ..helpers import write_tree
from ..workbench import ACME_ARTICLE, commit, git, init, run_portal

FILES = {
    "index.md": "# Home\n",
    "organizations/acme.md": "---\nname: Acme Standards\n---\n",
    "organizations/beta.md": "---\nname: Beta Standards\n---\n",
    "news/2024/acme-opens.md": ACME_ARTICLE,
}


def _load(content: Path, cache: ParseCache | None) -> tuple[list[tuple[str, object, str]], str]:
    report = Report()
    tree = load_tree(content, report, cache=cache)
    docs = [(d.rel, d.front.data, d.body) for d in tree.documents]
    return docs, render(report.items, "text")


def test_only_changed_files_are_parsed_and_the_result_is_the_same(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", FILES)
    first = ParseCache.for_content(content)
    assert _load(content, first) == _load(content, None)
    assert (first.hits, first.misses) == (0, len(FILES))
    assert (tmp_path / ".cache" / "portal-parse.json").is_file()  # beside content/, in the ignored .cache/

    (content / "organizations/beta.md").write_text("---\nname: Beta Standards Body\n---\n", encoding="utf-8")
    (content / "organizations/broken.md").write_text("---\nname: [unclosed\n---\n", encoding="utf-8")
    second = ParseCache.for_content(content)  # a new process: the cache is read from disk
    cached = _load(content, second)
    assert (second.hits, second.misses) == (len(FILES) - 1, 2)
    assert cached == _load(content, None)
    assert "Beta Standards Body" in str(cached[0]) and "broken.md" in cached[1]  # the new parse and its error

    third = ParseCache.for_content(content)
    assert _load(content, third) == cached and (third.hits, third.misses) == (len(FILES) + 1, 0)


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", FILES)
    path = tmp_path / ".cache" / "portal-parse.json"
    path.parent.mkdir()
    path.write_bytes(b"not JSON")
    cache = ParseCache.for_content(content)
    assert _load(content, cache) == _load(content, None) and cache.misses == len(FILES)


class _Planted:
    """What an attacker pickles: loading it runs code (here: creates a file)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def test_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    """Issue 20, case 3: a pull request can add .cache/ files; reading one must not run code."""
    content = write_tree(tmp_path / "content", FILES)
    marker = tmp_path / "ran"
    cache = ParseCache.for_content(content)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(pickle.dumps((cache.version, _Planted(marker))))
    planted = ParseCache.for_content(content)
    assert _load(content, planted) == _load(content, None)
    assert not marker.exists() and planted.misses == len(FILES)


@pytest.mark.parametrize("forge", [
    lambda e: e.__setitem__(0, [["no-such-kind", *e[0][0][1:]]]),  # a kind the code does not define
    lambda e: e[0][0].__setitem__(8, "9"),  # a line number as text
    lambda e: e.__setitem__(1, [["p", 1, 1, "fatal", "c", "m", None]]),  # no such severity
    lambda e: e.append([]),  # one field too many
])
def test_a_forged_cache_is_discarded_whole(tmp_path: Path, forge: object) -> None:
    content = write_tree(tmp_path / "content", FILES)
    ParseCache.for_content(content).save()
    first = ParseCache.for_content(content)
    _load(content, first)
    stored = json.loads(first.path.read_text(encoding="utf-8"))
    entry = next(v for k, v in stored["entries"].items() if "acme.md" in k)
    forge(entry)  # type: ignore[operator]
    first.path.write_text(json.dumps(stored), encoding="utf-8")
    again = ParseCache.for_content(content)
    assert _load(content, again) == _load(content, None)
    assert again.hits == 0  # every entry parsed afresh, not only the forged one


def test_check_changed_reports_the_same_with_the_cache(tmp_path: Path) -> None:
    repo = init(tmp_path)
    write_tree(repo / "content", FILES)
    commit(repo, "start")
    (repo / "content/news/2024/acme-opens.md").write_text(
        ACME_ARTICLE.replace("  - acme\n", "  - acmee\n"), encoding="utf-8")
    runs = [run_portal(repo, "check", "--changed") for _ in range(2)]  # cold, then warm cache
    assert runs[0] == runs[1]
    code, out, _ = runs[1]
    assert code == 1 and "error[unknown-reference]" in out and "acme-opens.md" in out
    assert (repo / ".cache" / "portal-check.json").is_file()  # the per-file summaries (validate/incremental.py)


def test_check_and_serve_share_the_cache_however_the_folder_is_spelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`portal check --content content` and `mkdocs serve` (absolute docs_dir) hit the same entries."""
    content = write_tree(tmp_path / "content", FILES)
    monkeypatch.chdir(tmp_path)
    _load(Path("content"), ParseCache.for_content(Path("content")))
    absolute = ParseCache.for_content(content.resolve())
    _load(content.resolve(), absolute)
    assert (absolute.hits, absolute.misses) == (len(FILES), 0)


def test_a_cache_committed_to_git_is_never_read_and_check_names_it(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    """Issue 20: a pull request can force-add .cache/ files (and outputs); they are ignored with a warning,
    and `portal check` errors on every tracked file under the output folders."""
    from generator.validate import summaries

    init(tmp_path)
    content = write_tree(tmp_path / "content", FILES)
    (tmp_path / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    assert run_portal(tmp_path, "check", "--cache")[0] == 0  # writes both caches
    honest = ParseCache.for_content(content)
    assert honest.entries and summaries.cache_for(content).entries
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("<p>old</p>", encoding="utf-8")
    commit(tmp_path)
    git(tmp_path, "add", "-f", ".cache/portal-parse.json", ".cache/portal-check.json", "site/index.html")
    commit(tmp_path, "a pull request that brings its own caches")

    with caplog.at_level("WARNING", logger="portal"):
        planted = ParseCache.for_content(content)
        journal = summaries.cache_for(content)
    assert planted.entries == {} and journal.entries == {} and not planted.trusted and not journal.trusted
    assert "git tracks it" in caplog.text
    before = (tmp_path / ".cache/portal-parse.json").read_bytes()
    assert _load(content, planted) == _load(content, None)
    planted.save()
    assert (tmp_path / ".cache/portal-parse.json").read_bytes() == before  # never written over either

    for mode in ((), ("--cache",), ("--changed",)):
        code, out, _ = run_portal(tmp_path, "check", *mode)
        assert code == 1, mode
        assert out.count("error[tracked-output]") == 3, (mode, out)
        assert "git rm --cached -- 'site/index.html'" in out


def test_no_store_of_the_package_can_run_code() -> None:
    """Issue 20: nothing read back from disk goes through pickle, marshal or shelve (they trust their input)."""
    import ast

    from ..helpers import ROOT

    unsafe = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "_pickle"}
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in unsafe]
    assert found == []


@pytest.mark.parametrize("forge", [
    lambda entry: [*entry[:5], "not a list", *entry[6:]],
    lambda entry: [*entry[:5], [["p", "1", 1, "error", "c", "m", None]], *entry[6:]],
    lambda entry: [*entry[:6], "yes", *entry[7:]],
    lambda entry: [*entry[:8], {"acme": {"name": {"__class__": "x"}}}, *entry[9:]],
    lambda entry: entry[:5],
    lambda entry: ["no-such-kind", *entry[1:]],
])
def test_a_forged_summary_is_made_again(tmp_path: Path, forge: Any) -> None:
    from generator.validate import summaries

    content = write_tree(tmp_path / "content", {**FILES, "organizations/acme.md": "---\nname: Acme\nbad: 1\n---\n"})
    honest = run_portal(tmp_path, "check", "--cache")
    store = tmp_path / ".cache" / summaries.FILE
    stored = json.loads(store.read_bytes())
    stored["entries"] = {key: forge(entry) for key, entry in stored["entries"].items()}
    store.write_text(json.dumps(stored), encoding="utf-8")
    journal = summaries.cache_for(content)
    assert all(summaries._from_cache(entry) is None for entry in journal.entries.values())
    assert run_portal(tmp_path, "check", "--cache") == honest and honest[0] == 1
