"""The preview's fast path equals the slow one (issue 22), by property: random sequences of edits to the
fixture's hand-written tree, each saved into one `mkdocs serve --dirty` session (in this process, as MkDocs's
serve drives it: one plugin object kept across builds), then compared file by file with a clean
`mkdocs build --strict` of the same files. Any difference fails with the sequence that caused it.

Left out of the comparison, as documented in README ("make serve"): the search index (indexed in the
background while the preview reloads) and the sitemap (a preview build writes none).

`make test` runs a few sequences (EXAMPLES); while working on the preview run hundreds:
``PORTAL_INCREMENTAL_EXAMPLES=300 .venv/bin/pytest tests/site/test_incremental_property.py``.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..fixture_site import FIXTURE_CONTENT
from ..helpers import ROOT, mkdocs_build, write_config
from ..workbench import run_portal

RANDOM = os.environ.get("PORTAL_INCREMENTAL_EXAMPLES")  # set: that many random sequences; unset: fixed ones
EXAMPLES = int(RANDOM or "3")
SITE_URL = "http://127.0.0.1:8000/"
UNCOMPARED = ("pagefind/", "sitemap.xml", "sitemap.xml.gz")

ARTICLE = """---
title: {title}
date: "2023-0{month}-1{day}"
summary: A generated report for the property test.
source:
  name: Example Daily
organizations:
  - {org}
people:
  - shi-li
places:
  - example-harbour-zone
topics:
  - pilots
events:
  - example-testing-agreement-2020
---

The report names {org} and says something new: {words}.
"""

ORGS = ["example-city-quality-bureau", "example-standards-body", "example-testing-company"]
WORDS = st.text(alphabet="abcdefghij 质量标准", min_size=1, max_size=12).map(str.strip).filter(bool)


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.search(pattern, text, flags=re.M), f"{pattern!r} not in {path}"
    path.write_text(re.sub(pattern, new, text, count=1, flags=re.M), encoding="utf-8")  # maybe the same again


# Each edit: (name shown in a failure, what it does to the project). Every edit keeps the content valid.
Edit = tuple[str, Callable[[Path], None]]


def _edit_kinds(project: Path) -> list[st.SearchStrategy[Edit]]:
    content, theme = project / "content", project / "theme"

    def body(words: str) -> Edit:
        path = content / "news/2024/example-bureau-opens-a-service-centre.md"
        return f"append {words!r} to a body", lambda _: path.write_text(
            path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")

    def title(words: str) -> Edit:
        path = content / "news/2020/example-testing-company-signs-an-agreement.md"
        return f"retitle an article {words!r}", lambda _: _replace(path, r"^title: .*$", f"title: Agreement {words}")

    def org_name(words: str) -> Edit:
        path = content / "organizations/example-testing-company.md"
        return f"rename an organization {words!r}", lambda _: _replace(path, r"^name: .*$", f"name: Testing {words}")

    def add(n: int, org: str, words: str) -> Edit:
        path = content / f"news/2023/generated-report-{n}.md"
        text = ARTICLE.format(title=f"Generated report {n} {words}", month=1 + n % 9, day=n % 10, org=org,
                              words=words)
        moved = content / f"news/2023/moved-report-{n}.md"

        def run(_: Path) -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if moved.exists():  # its old address is a redirect now: a new file there would clash (an error)
                kept = next(line for line in moved.read_text(encoding="utf-8").splitlines()
                            if line.startswith("moved_from:"))  # as portal mv wrote it
                moved.write_text(text.replace("---\n", f"---\n{kept}\n", 1), encoding="utf-8")
            else:
                path.write_text(text, encoding="utf-8")
        return f"add or rewrite article {n} about {org}", run

    def delete(n: int) -> Edit:
        path = content / f"news/2023/generated-report-{n}.md"
        return f"delete article {n} (if there)", lambda _: path.unlink(missing_ok=True)

    def event_date(day: int) -> Edit:
        path = content / "events/example-testing-agreement-2020.md"
        return f"move an event to day {day}", lambda _: _replace(path, r'^date: .*$', f'date: "2020-11-{day:02d}"')

    def place_name(words: str) -> Edit:
        path = content / "places/example-harbour-zone.md"
        return f"rename a place {words!r}", lambda _: _replace(path, r"^name: .*$", f"name: Harbour {words}")

    def role(year: int) -> Edit:
        path = content / "people/ann-example.md"

        def run(_: Path) -> None:
            text = re.sub(r'^    from: .*\n', "", path.read_text(encoding="utf-8"), flags=re.M)
            path.write_text(text.replace("independent expert\n", f'independent expert\n    from: "{year}"\n'),
                            encoding="utf-8")
        return f"a person's role from {year}", run

    def standard(words: str) -> Edit:
        path = content / "standards/esb-1001-2016.md"
        text = (f'---\ndesignation: "ESB 1001:2016"\ntitle: Example services {words}\n'
                "publisher: example-standards-body\nstatus: published\n---\n")
        return f"write the standard file {words!r}", lambda _: (
            path.parent.mkdir(parents=True, exist_ok=True), path.write_text(text, encoding="utf-8"))

    def move(n: int) -> Edit:
        def run(_: Path) -> None:
            old = content / f"news/2023/generated-report-{n}.md"
            if old.exists():
                code, out, err = run_portal(project, "mv", str(old.relative_to(project)),
                                            f"content/news/2023/moved-report-{n}.md")
                assert code == 0, out + err
        return f"portal mv article {n} (if there)", run

    def template(words: str) -> Edit:
        path = theme / "portal/partials/breadcrumbs.html"
        return f"change a template {words!r}", lambda _: path.write_text(
            path.read_text(encoding="utf-8") + f"\n{{#- {words} #}}<!-- {words.encode().hex()} -->\n",
            encoding="utf-8")

    n = st.integers(1, 3)
    return [
        WORDS.map(body), WORDS.map(title), WORDS.map(org_name), st.builds(add, n, st.sampled_from(ORGS), WORDS),
        n.map(delete), st.integers(10, 28).map(event_date), WORDS.map(place_name), st.integers(2000, 2030).map(role),
        WORDS.map(standard), n.map(move), WORDS.map(template),
    ]


def _any_edits(project: Path) -> st.SearchStrategy[list[Edit]]:
    return st.lists(st.one_of(_edit_kinds(project)), min_size=1, max_size=4)


def _every_kind(project: Path) -> st.SearchStrategy[list[Edit]]:
    """Each kind of edit once (an article added first, so that deleting and moving one do something)."""
    kinds = _edit_kinds(project)
    return st.tuples(kinds[3], st.permutations([k for i, k in enumerate(kinds) if i != 3])).flatmap(
        lambda first_rest: st.tuples(*first_rest[1]).map(lambda rest: [first_rest[0], *rest]))


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    """MkDocs keeps a plugin that has on_startup in the config schema, for the life of the process (that is how
    `serve` keeps it across builds): nothing of this test's serve session may reach another test."""
    cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
    saved = dict(cache)
    cache.clear()
    yield
    cache.clear()
    cache.update(saved)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
            and not p.relative_to(site).as_posix().startswith(UNCOMPARED)}


def _diff(preview: bytes, full: bytes) -> str:
    """The first lines that differ (preview, then clean build), for the failure message."""
    if b"\0" in preview + full:
        return f"(binary: {len(preview)} bytes in the preview, {len(full)} in the build)"
    lines = difflib.unified_diff(preview.decode("utf-8").splitlines(), full.decode("utf-8").splitlines(),
                                 "preview", "clean build", n=1, lineterm="")
    return "\n".join(line[:300] for line in list(lines)[:40])


def _project(root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    write_config(root, root / "content", site_url=SITE_URL)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(ROOT / "theme"), str(root / "theme")),
                      encoding="utf-8")
    return root


def _preview_equals_clean(tmp_path: Path, examples: int, edits: Callable[[Path], st.SearchStrategy[list[Edit]]],
                          derandomize: bool) -> None:
    runs = iter(range(10**6))

    @settings(max_examples=examples, deadline=None, derandomize=derandomize,
              # No shrinking: a step is a build, so shrinking takes many minutes; the failure names every step.
              phases=(Phase.explicit, Phase.reuse, Phase.generate),
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.data())
    def check(data: st.DataObject) -> None:
        project = _project(tmp_path / f"run-{next(runs)}")
        served = project / "served"
        MkDocsConfig.plugins.plugin_cache.clear()  # type: ignore[attr-defined]  # a new server

        def save() -> None:  # what the server does on each save
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(served))
            config.site_url = SITE_URL
            build(config, serve_url=SITE_URL, dirty=True)

        first = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(served))
        first.plugins.on_startup(command="serve", dirty=True)
        first.site_url = SITE_URL
        build(first, serve_url=SITE_URL, dirty=True)
        sequence = data.draw(edits(project), label="edits")
        for _, apply in sequence:
            apply(project)
            save()
        clean = mkdocs_build(project / "mkdocs.yml", project / "clean")
        assert clean.returncode == 0, clean.stderr[-3000:]
        preview, full = _files(served), _files(project / "clean")
        steps = " → ".join(name for name, _ in sequence)
        only_preview, only_build = sorted(set(preview) - set(full)), sorted(set(full) - set(preview))
        assert not only_preview and not only_build, \
            f"after {steps}: only in the preview {only_preview}, only in the build {only_build}"
        differ = [path for path in full if preview[path] != full[path]]
        assert not differ, f"after {steps}: the preview differs from a clean build in {differ}:\n" + _diff(
            preview[differ[0]], full[differ[0]])

    check()


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch, fresh_plugins: None) -> None:
    """This process as `mkdocs serve --dirty` (make serve) runs it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])  # the plugin reads --dirty from here


@pytest.mark.nested
def test_a_preview_after_any_edits_equals_a_clean_build(tmp_path: Path, serving: None) -> None:
    _preview_equals_clean(tmp_path, EXAMPLES, _any_edits, derandomize=RANDOM is None)


@pytest.mark.nested
def test_a_preview_after_every_kind_of_edit_equals_a_clean_build(tmp_path: Path, serving: None) -> None:
    _preview_equals_clean(tmp_path, 1 if RANDOM is None else EXAMPLES, _every_kind, derandomize=RANDOM is None)
