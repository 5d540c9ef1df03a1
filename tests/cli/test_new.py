"""`portal new`: scaffolds with every field explained, placeholders that `portal check` reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.cli.new import slugify
from generator.validate import fields

from ..helpers import write_tree
from ..workbench import ACME_ARTICLE as ARTICLE
from ..workbench import run_portal


class Done:
    def __init__(self, cwd: Path, *args: str) -> None:
        self.returncode, self.stdout, self.stderr = run_portal(cwd, *args)


def portal(*args: str, cwd: Path) -> Done:
    return Done(cwd, *args)




@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "news/2024/acme-opens.md": ARTICLE,
    })
    return tmp_path


def _diagnostics(out: str) -> list[tuple[str, int, int, str, str]]:
    return [(m[1], int(m[2]), int(m[3]), m[4], m[5])
            for m in re.finditer(r"^(\S+):(\d+):(\d+): (error|warning)\[([a-z-]+)\]", out, re.M)]


@pytest.mark.parametrize(("title", "slug"), [
    ("Café Über Standards: ISO 9001 — what's new in 2024?", "cafe-uber-standards-iso-9001-whats-new-in-2024"),
    ("  Shanghai & Shenzhen  sign   a pact ", "shanghai-and-shenzhen-sign-a-pact"),
    ("China’s GB/T 1.1-2020", "chinas-gb-t-1-1-2020"),
    ("标准化", ""),
])
def test_slugs_are_ascii_and_readable(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    slug = slugify("International standardization " * 10)
    assert len(slug) <= 80 and not slug.endswith("-")
    assert slug.split("-")[-1] in ("international", "standardization")


def test_new_article_prints_its_path_and_lists_every_field(project: Path) -> None:
    done = portal("new", "article", "Shanghai opens a standards centre", "--date", "2024-05-07",
                  "--source", "China Daily", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "content/news/2024/shanghai-opens-a-standards-centre.md"
    text = (project / done.stdout.strip()).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "Shanghai opens a standards centre"
    assert front["date"] == "2024-05-07" and front["source"]["name"] == "China Daily"
    for f in fields.model_doc("article").fields:  # every field is there, set or commented out
        if f.key == "moved_from":
            assert "moved_from" not in text  # but the one `portal mv` writes
            continue
        assert re.search(rf"^#? ?{f.key}:", text, re.M), f.key
        assert f.description in text
    for kind in ("organization", "event"):  # allowed values are listed in the comments
        scaffold = scaffolded_text(project, kind)
        assert f"one of: {', '.join(fields.model_doc(kind).field('kind').allowed)}" in scaffold


def scaffolded_text(project: Path, kind: str) -> str:
    done = portal("new", kind, f"new-{kind}", "--name", f"New {kind}", cwd=project)
    assert done.returncode == 0, done.stderr
    return (project / done.stdout.strip()).read_text(encoding="utf-8")


def test_fresh_scaffolds_fail_only_on_their_placeholders(project: Path) -> None:
    made = [portal("new", "article", "Acme signs a pact", "--date", "2024-05-08", cwd=project)]
    for kind in ("organization", "person", "place", "event"):
        made.append(portal("new", kind, f"acme-{kind}", "--name", f"Acme {kind}", cwd=project))
    assert all(d.returncode == 0 for d in made), [d.stderr for d in made]
    paths = {d.stdout.strip() for d in made}
    done = portal("check", cwd=project)
    assert done.returncode == 1
    found = _diagnostics(done.stdout)
    errors = [d for d in found if d[3] == "error"]
    assert {d[4] for d in errors} == {"placeholder"}
    assert {d[4] for d in found if d[3] == "warning"} <= {"unreferenced"}
    assert {d[0] for d in errors} == paths  # each new file has something to fill in
    article = next(p for p in paths if p.startswith("content/news/"))
    lines = (project / article).read_text(encoding="utf-8").split("\n")
    for _, line, col, _, _ in (d for d in errors if d[0] == article):
        assert lines[line - 1][col - 1:].lstrip('"').startswith("TODO"), (line, col)
    # The messages say which field and what to write there.
    assert "'summary' still holds the placeholder" in done.stdout
    assert f"replace the TODO text with: {fields.field_at('article', ('source', 'name')).description}" in done.stdout
    # An event without --date gets a date placeholder, reported once as a placeholder (not also as a bad date).
    event_errors = [d for d in errors if d[0] == "content/events/acme-event.md"]
    assert len(event_errors) == 2 and "invalid-date" not in done.stdout


def test_filled_scaffold_passes(project: Path) -> None:
    done = portal("new", "article", "Acme signs a pact", "--date", "2024-05", "--source", "Xinhua", cwd=project)
    path = project / done.stdout.strip()
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^summary: .*$', 'summary: "Acme signed a pact."', text, flags=re.M)
    text = text.replace("organizations:\n#  - some-id", "organizations:\n  - acme")  # an item below the key
    text = re.sub(r"^TODO:.*$", "Acme signed a pact with its neighbours.", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    checked = portal("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert path.parent.name == "2024" and "date: \"2024-05\"" in text  # partial dates keep their precision


def test_taken_slug_gets_a_suffix_and_ids_are_never_overwritten(project: Path) -> None:
    first = portal("new", "article", "Acme opens", "--date", "2024-01-02", cwd=project)
    assert first.stdout.strip() == "content/news/2024/acme-opens-2.md"
    assert "exists; using 'acme-opens-2'" in first.stderr
    assert (project / "content/news/2024/acme-opens.md").read_text(encoding="utf-8") == ARTICLE
    taken = portal("new", "organization", "acme", "--name", "Another Acme", cwd=project)
    assert taken.returncode == 1 and "content/organizations/acme.md already exists" in taken.stderr
    assert (project / "content/organizations/acme.md").read_text(encoding="utf-8").startswith("---\nname: Acme")
    explicit = portal("new", "article", "Acme opens", "--date", "2024-01-02", "--slug", "acme-opens", cwd=project)
    assert explicit.returncode == 1 and "already exists" in explicit.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("new", "organization", "Acme_Co", "--name", "Acme"), "'Acme_Co' is not a valid organization id"),
    (("new", "article", "标准化新闻"), "pass one with --slug"),
    # Mostly Chinese: ASCII would keep only '46iso-tc-46' (issue 21), so a slug is asked for, not made up.
    (("new", "article", "第46届ISO/TC 46全会在北京召开", "--date", "2024-01-02"), "is mostly Chinese"),
    (("new", "article", "Acme", "--date", "2024-02-30"), "February 2024 has 29 days"),
    (("new", "article", "Acme", "--slug", "Bad Slug"), "--slug 'Bad Slug' is not valid"),
])
def test_bad_requests_get_a_clear_error(project: Path, args: tuple[str, ...], message: str) -> None:
    done = portal(*args, cwd=project)
    assert done.returncode == 1 and message in done.stderr
    assert "Traceback" not in done.stderr
