"""The proof that the suite accepts any valid content (issue 12).

In a temporary copy of the repository (content/, mkdocs.yml, theme/) an editor adds, with `portal new`, an
article, an organization, a person whose role names no organization, a place, an event, and (in
topics.yml, as CONTRIBUTING.md says) a topic; fills them in by editing the files; and then the
content-agnostic suite — every test marked ``live``, the browser checks (axe, phone width) included —
runs on that copy, through ``PORTAL_TEST_ROOT``, in a pytest subprocess. It must pass. A second test does
the same on a `portal synth` corpus, content that has nothing in common with content/ but its validity.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from ..helpers import ROOT
from ..live import LIVE_ROOT
from ..workbench import run_portal

pytestmark = pytest.mark.nested  # each test runs a pytest suite of its own (`make test-fast` leaves them out)

ORG, PERSON, PLACE, EVENT, TOPIC = (
    "acme-standards-institute", "jo-example", "acme-bay", "acme-standards-forum-2025", "standards-forums")
# The invariants of issue 12 that must be among the live tests run (module::test).
LIVE_CHECKS = {
    "test_content::test_portal_check_strict_is_clean",  # portal check: no error, no warning
    "test_content::test_every_entity_is_referenced", "test_content::test_people_roles_name_known_organizations",
    "test_content::test_built_page_keeps_reporting_text",  # the seeds stay faithful
    "test_site_pages::test_live_site_has_every_page_and_no_build_warning",  # strict build
    "test_site_integrity::test_every_content_file_has_its_page",
    "test_site_integrity::test_built_site_has_no_broken_internal_links_or_anchors",
    "test_feeds::test_live_feeds_parse_and_match_the_content",
    "test_api::test_file_validates_against_its_schema",
}
# The live browser checks (axe, phone width): skipped, not failed, only where Chromium or axe-core is missing
# and CI is not set, as in the main suite.
BROWSER_MODULES = ("test_accessibility::", "test_phone::")
TITLE = "Acme Standards Institute holds its first forum in Acme Bay"
SLUG = "acme-standards-institute-holds-its-first-forum-in-acme-bay"


def copy_repository(dest: Path) -> Path:
    """What a build needs, as a fresh clone has it."""
    dest.mkdir()
    shutil.copytree(LIVE_ROOT / "content", dest / "content")
    shutil.copytree(LIVE_ROOT / "theme", dest / "theme")
    shutil.copy2(LIVE_ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def edit(path: Path, replacements: dict[str, str]) -> None:
    """As an editor would: replace the whole line of each field, commented out (`# kind:`) or not.

    A list field may be scaffolded as `organizations: []` or as `organizations:` above commented
    examples; the new line replaces the key's line, and commented examples below it stay comments.
    """
    text = path.read_text(encoding="utf-8")
    for key, line in replacements.items():
        text, n = re.subn(rf"^(?:# ?)?{re.escape(key)}:.*$", lambda _m, line=line: line, text, count=1, flags=re.M)
        assert n == 1, (path.name, key)
    path.write_text(text, encoding="utf-8")


def fill_body(path: Path, body: str) -> None:
    """Replace the TODO line below the front matter."""
    head, sep, tail = path.read_text(encoding="utf-8").rpartition("\n---\n")
    assert sep and "TODO" in tail, path
    path.write_text(head + sep + "\n" + body + "\n", encoding="utf-8")


def first_id(content: Path, folder: str) -> str | None:
    ids = sorted(p.stem for p in (content / folder).rglob("*.md"))
    return ids[0] if ids else None


def add_content_as_an_editor(project: Path) -> list[Path]:
    content = project / "content"
    # New things link to what is already there, as a real report's would.
    known_org, known_place = first_id(content, "organizations"), first_id(content, "places")
    made = [
        run_portal(project, "new", "article", TITLE, "--date", "2025-04-12", "--source", "Example Herald"),
        run_portal(project, "new", "organization", ORG, "--name", "Acme Standards Institute"),
        run_portal(project, "new", "person", PERSON, "--name", "Jo Example"),
        run_portal(project, "new", "place", PLACE, "--name", "Acme Bay"),
        run_portal(project, "new", "event", EVENT, "--name", "Acme Standards Forum 2025", "--date", "2025-04-10"),
    ]
    assert [code for code, _, _ in made] == [0] * 5, [err for _, _, err in made]
    article, org, person, place, event = (project / out.strip() for _, out, _ in made)
    assert article == content / "news" / "2025" / f"{SLUG}.md"

    orgs = [ORG] + ([known_org] if known_org else [])
    edit(article, {
        "summary": 'summary: "The Acme Standards Institute held its first forum, in Acme Bay."',
        "organizations": "organizations:\n" + "".join(f"  - {o}\n" for o in orgs).rstrip("\n"),
        "people": f"people:\n  - {PERSON}",
        "places": f"places:\n  - {PLACE}",
        "events": f"events:\n  - {EVENT}",
        "topics": f"topics:\n  - {TOPIC}",
        "standards": 'standards:\n  - "ACME 1:2025"',
    })
    fill_body(article, "The Acme Standards Institute held its first forum in Acme Bay.\n\n"
                       f"See the [institute](../../organizations/{ORG}.md).")
    edit(org, {"kind": "kind: association", "place": f"place: {PLACE}", "short_name": 'short_name: "ASI"'})
    fill_body(org, "A fictional institute, added by the test that proves any valid content is accepted.")
    edit(person, {"roles": "roles:\n  - title: forum rapporteur"})  # a role that names no organization
    fill_body(person, "")
    place_fields = {"kind": "kind: area"} | ({"parent": f"parent: {known_place}"} if known_place else {})
    edit(place, place_fields)
    fill_body(place, "")
    edit(event, {"end": 'end: "2025-04-11"', "kind": "kind: forum", "place": f"place: {PLACE}",
                 "organizations": f"organizations:\n  - {ORG}", "people": f"people:\n  - {PERSON}",
                 "summary": 'summary: "The first forum of the Acme Standards Institute."'})
    fill_body(event, "Two days of talks.")
    topics = content / "topics.yml"
    entry = {TOPIC: {"name": "Standards forums", "description": "Forums held by standards institutes."}}
    topics.write_text(topics.read_text(encoding="utf-8").rstrip("\n") + "\n"
                      + yaml.safe_dump(entry, sort_keys=False), encoding="utf-8")
    return [article, org, person, place, event, topics]


def run_live_suite(project: Path, work: Path, marker: str) -> tuple[dict[str, ElementTree.Element], Path]:
    """``pytest -m MARKER`` on ``project`` in a subprocess: its test cases ("module::test") and its basetemp."""
    basetemp, report = work / "pytest", work / "live.xml"
    env = {**os.environ, "PORTAL_TEST_ROOT": str(project), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    for name in [n for n in env if n.startswith("PYTEST_XDIST")]:  # this run is no worker of ours (tests/shared.py)
        env.pop(name)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", marker, "-q", "-p", "no:cacheprovider", "--basetemp", str(basetemp),
         "-o", "addopts=", "--junitxml", str(report), str(ROOT / "tests")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-3000:]
    assert done.returncode == 0, done.stdout[-8000:] + done.stderr[-3000:]
    passed = re.search(r"(\d+) passed", summary)
    assert passed and int(passed[1]) >= 20 and "failed" not in summary and "error" not in summary, summary
    cases = {case.get("classname", "").rsplit(".", 1)[-1] + "::" + case.get("name", "").split("[")[0]: case
             for case in ElementTree.parse(report).iter("testcase")}
    skipped = {name for name, case in cases.items() if case.find("skipped") is not None}
    assert not [name for name in skipped if not name.startswith(BROWSER_MODULES)], skipped
    return cases, basetemp / "live-site" / "site"  # built_site's folder (tests/conftest.py, _live_build)


def test_the_live_suite_passes_on_a_copy_with_an_editors_new_content(tmp_path: Path) -> None:
    project = copy_repository(tmp_path / "repository")
    files = add_content_as_an_editor(project)
    assert not [f for f in files if "TODO" in f.read_text(encoding="utf-8")]
    code, out, err = run_portal(project, "check", "--strict")
    assert code == 0, out + err  # notes (suggestions, such as a file for a listed standard) may be printed
    assert all(": note[" in line or line.startswith("  hint: ") for line in out.splitlines()), out

    cases, site = run_live_suite(project, tmp_path, "live")
    assert cases.keys() >= LIVE_CHECKS, LIVE_CHECKS - cases.keys()
    assert all(any(name.startswith(module) for name in cases) for module in BROWSER_MODULES), sorted(cases)
    # The suite really read the copy: the live site it built has the new article and entities.
    for url in (f"news/2025/{SLUG}/", f"organizations/{ORG}/", f"people/{PERSON}/", f"places/{PLACE}/",
                f"events/{EVENT}/", f"topics/{TOPIC}/"):
        assert (site / url / "index.html").is_file(), url


def test_the_live_suite_passes_on_a_synthetic_corpus(tmp_path: Path) -> None:
    """Content with nothing in common with the live content but its validity (`portal synth`): only the
    seed-fidelity tests, which need the seed reports, are left out (and the browser, for time)."""
    project = tmp_path / "repository"
    project.mkdir()
    shutil.copytree(LIVE_ROOT / "theme", project / "theme")
    shutil.copy2(LIVE_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert run_portal(project, "synth", "--articles", "40", "--seed", "12", "content")[0] == 0
    assert run_portal(project, "check", "--strict")[0] == 0
    cases, site = run_live_suite(project, tmp_path, "live and not seeds and not browser")
    seed_test = "test_content::test_built_page_keeps_reporting_text"
    assert cases.keys() >= LIVE_CHECKS - {seed_test} and seed_test not in cases
    articles = sorted((project / "content" / "news").glob("*/*.md"))
    assert len(articles) == 40 and (site / "news" / articles[0].parent.name / articles[0].stem / "index.html").is_file()
