"""`portal check --changed` and `--cache` equal the full check, by property (issues 16 and 22): random trees
of every kind (with broken references, duplicate names, parent loops, bad dates, committees kept as
organizations, standards with and without files, body links), committed, then randomly edited (files
rewritten, deleted, renamed, added); on every pair:

- `--changed` reports exactly what a full check reports about the changed and affected files;
- every problem the edit brought (in the full check after it, not before) is in the `--changed` report;
- `--cache` reports exactly what the full check reports, from a cold and then a warm cache.

`make test` runs EXAMPLES pairs; ``PORTAL_CHANGED_EXAMPLES=500`` runs more.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import changed
from generator.pipeline import build_catalog

from ..helpers import write_tree
from ..workbench import commit, init, run_portal

RANDOM = os.environ.get("PORTAL_CHANGED_EXAMPLES")
EXAMPLES = int(RANDOM or "25")

ORGS = ["acme", "beta", "gamma"]
PEOPLE = ["ann", "bo"]
PLACES = ["east", "west"]
EVENTS = ["summit", "fair"]
TOPICS = ["pilots", "services"]
ARTICLES = ["2024/one", "2024/two", "2023/three"]
STANDARDS = ["iso-9001-2015", "gb-t-19001-2016"]
DESIGNATIONS = {"iso-9001-2015": "ISO 9001:2015", "gb-t-19001-2016": "GB/T 19001-2016"}
ORG_NAMES = ["Acme Standards", "Beta Bureau", "Gamma Council", "acme  standards"]  # the last: a duplicate
DATES = ["2024-05-01", "2024-05", "2024", "2024-13-40"]
BODIES = ["Text.", "See [two](../2024/two.md).", "See [gone](gone.md).", "Under ISO 9001:2015 and ISO/TC 176.",
          "Cites GB/T 19001-2016.", "TODO later"]


def _ids(pool: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([*pool, "missing"]), max_size=2, unique=True)


def _list(name: str, ids: list[str]) -> str:
    return f"{name}: [{', '.join(ids)}]\n" if ids else ""


@st.composite
def _file(draw: st.DrawFn, path: str) -> str:
    folder, _, rest = path.partition("/")
    if folder == "organizations":
        parent = draw(st.sampled_from([None, *ORGS, "missing"]))
        kind = draw(st.sampled_from([None, "company", "committee"]))
        return (f"---\nname: {draw(st.sampled_from(ORG_NAMES))}\n" + (f"parent: {parent}\n" if parent else "")
                + (f"kind: {kind}\n" if kind else "") + "---\n")
    if folder == "people":
        orgs = draw(_ids(ORGS))
        roles = "".join(f"  - title: director\n    organization: {o}\n" for o in orgs)
        return f"---\nname: {draw(st.sampled_from(['Ann Lee', 'Lee Ann', 'Bo Wu']))}\n" + \
            (f"roles:\n{roles}" if roles else "") + "---\n"
    if folder == "places":
        parent = draw(st.sampled_from([None, *PLACES, "missing"]))
        return f"---\nname: {draw(st.sampled_from(['East', 'West', 'east']))}\n" + \
            (f"parent: {parent}\n" if parent else "") + "---\n"
    if folder == "events":
        place = draw(st.sampled_from([None, *PLACES, "missing"]))
        return (f"---\ntitle: {draw(st.sampled_from(['Summit', 'Fair']))}\ndate: \"{draw(st.sampled_from(DATES))}\"\n"
                + (f"place: {place}\n" if place else "") + _list("organizations", draw(_ids(ORGS))) + "---\n")
    if folder == "standards":
        designation = DESIGNATIONS.get(rest.removesuffix(".md"), "ISO 14001:2015")
        publisher = draw(st.sampled_from([*ORGS, "missing"]))
        return f'---\ndesignation: "{designation}"\ntitle: A standard\npublisher: {publisher}\n---\n'
    # an article
    front = (f"---\ntitle: {draw(st.sampled_from(['One', 'Two', 'Three']))}\n"
             f"date: \"{draw(st.sampled_from(DATES))}\"\nsummary: A report.\nsource:\n  name: Example Daily\n"
             + _list("organizations", draw(_ids(ORGS))) + _list("people", draw(_ids(PEOPLE)))
             + _list("places", draw(_ids(PLACES))) + _list("events", draw(_ids(EVENTS)))
             + _list("topics", draw(_ids(TOPICS))))
    standards = draw(st.lists(st.sampled_from(["ISO 9001:2015", "GB/T 19001-2016", "ISO 9001", "IEC 60000"]),
                              max_size=2, unique=True))
    front += "".join(f'standards: ["{s}"]\n' for s in standards[:1])
    return front + f"---\n\n{draw(st.sampled_from(BODIES))}\n"


def _paths() -> list[str]:
    return ([f"organizations/{i}.md" for i in ORGS] + [f"people/{i}.md" for i in PEOPLE]
            + [f"places/{i}.md" for i in PLACES] + [f"events/{i}.md" for i in EVENTS]
            + [f"news/{i}.md" for i in ARTICLES] + [f"standards/{i}.md" for i in STANDARDS])


@st.composite
def _tree(draw: st.DrawFn) -> dict[str, str]:
    files = {"index.md": "# Home\n"}
    for path in _paths():
        if draw(st.booleans()) or path.startswith("organizations/acme"):
            files[path] = draw(_file(path))
    topics = draw(st.lists(st.sampled_from(TOPICS), unique=True))
    files["topics.yml"] = "".join(f"{t}:\n  name: {t.title()}\n" for t in topics) or "{}\n"
    return files


@st.composite
def _edited(draw: st.DrawFn, base: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The tree after a change, and what the change did (for the failure message)."""
    after, did = dict(base), []
    for path in [*_paths(), "topics.yml"]:
        action = draw(st.sampled_from(["keep", "keep", "rewrite", "delete", "rename"]))
        if action == "keep" or (action != "rewrite" and path not in after):
            continue
        if action == "rewrite":
            after[path] = (draw(_file(path)) if path != "topics.yml" else
                           "".join(f"{t}:\n  name: {t.title()}\n" for t in draw(st.lists(st.sampled_from(
                               [*TOPICS, "pilot-zones"]), unique=True))) or "{}\n")
        elif action == "delete" or path == "topics.yml":
            del after[path]
        else:  # renamed (the same bytes under a new id)
            folder, _, name = path.rpartition("/")
            after[f"{folder}/{name.removesuffix('.md')}-renamed.md"] = after.pop(path)
        did.append(f"{action} {path}")
    return after, did


def _write(content: Path, files: dict[str, str]) -> None:
    for path in content.rglob("*"):
        if path.is_file():
            path.unlink()
    write_tree(content, files)


def _key(d: dict[str, Any]) -> tuple[Any, ...]:
    """A problem at a place: an unchanged file's warning whose wording follows the change (a duplicate of
    another file now) is the problem it had before."""
    return (d["path"], d["line"], d["col"], d["code"], d["severity"])


@pytest.mark.parametrize("_", [None])  # a function-scoped fixture per test, not per example
@settings(max_examples=EXAMPLES, deadline=None, derandomize=RANDOM is None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_changed_and_cache_equal_the_full_check(_: None, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path_factory.mktemp("repo")
    content = repo / "content"
    monkeypatch.chdir(repo)
    base = data.draw(_tree(), label="base")
    write_tree(content, base)
    init(repo)
    commit(repo, "base")
    before = {_key(d.to_json()) for d in build_catalog(content).report.items}
    after, did = data.draw(_edited(base), label="edit")
    _write(content, after)

    full = build_catalog(content)
    everything = [d.to_json() for d in full.report.items]
    code, out, err = run_portal(repo, "check", "--changed", "--format", "json")
    assert code in (0, 1), err
    reported = json.loads(out)
    expected = [d.to_json() for d in changed.select(full.report.items, full.tree, None)]
    assert reported == expected, f"after {did}: --changed differs from the full check of the affected files"
    edited = {p for p in set(base) ^ set(after) | {p for p in base if base[p] != after.get(p)}}
    new = [d for d in everything if _key(d) not in before or any(str(d["path"]).endswith(p) for p in edited)]
    got = {_key(d) for d in reported}
    missing = [d for d in new if _key(d) not in got]
    assert not missing, f"after {did}: --changed misses what the change brought: {missing}"

    for run in ("cold", "warm"):
        code, out, err = run_portal(repo, "check", "--cache", "--format", "json")
        assert code in (0, 1), err
        assert json.loads(out) == everything, f"after {did}: check --cache ({run}) differs from the full check"
