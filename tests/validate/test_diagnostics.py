"""Issue 2: every content mistake gives a diagnostic at the right place, in `portal check`
and in `mkdocs build` alike."""

from __future__ import annotations

import json
import logging
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from generator.diagnostics import Diagnostic
from generator.pipeline import build_catalog

from ..helpers import portal, write_config, write_tree

ARTICLE = "news/2017/pilot.md"
BASE = {
    "index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "about.md": "# About\n\nAbout the portal.\n",
    "contribute.md": "# Contribute\n\nHow to contribute.\n",
    ARTICLE: """\
        ---
        title: Pilot launched in Putuo
        date: 2017-04-19
        summary: Shanghai launched a standardization pilot.
        source:
          name: China Daily
        organizations: [smbqts]
        people: [chen-xiaojun]
        places: [putuo]
        events: [kickoff]
        topics: [services]
        ---
        Shanghai launched a pilot project.
        """,
    "organizations/smbqts.md": """\
        ---
        name: Shanghai Municipal Bureau of Quality and Technical Supervision
        short_name: SMBQTS
        kind: government-agency
        parent: shanghai-government
        country: "CN"
        ---
        A municipal bureau.
        """,
    "organizations/shanghai-government.md": "---\nname: Shanghai municipal government\nkind: government\n---\n",
    "people/chen-xiaojun.md": """\
        ---
        name: Chen Xiaojun
        roles:
          - title: deputy director
            organization: smbqts
            from: 2017-04
        ---
        """,
    "places/shanghai.md": "---\nname: Shanghai\nkind: municipality\ncountry: \"CN\"\n---\n",
    "places/putuo.md": "---\nname: Putuo district\nkind: district\nparent: shanghai\n---\n",
    "events/kickoff.md": """\
        ---
        title: Pilot kick-off meeting
        date: 2017-04-13
        kind: meeting
        place: putuo
        organizations: [smbqts]
        ---
        """,
    "topics.yml": "services:\n  name: Standardization services\n  description: Services.\n",
}


def article(**fields: str | None) -> str:
    """The base article with some top-level front matter lines replaced (None removes the line)."""
    out = []
    for line in textwrap.dedent(BASE[ARTICLE]).splitlines():
        key = line.split(":", 1)[0]
        if not line.startswith(" ") and key in fields:
            if fields[key] is not None:
                out.append(f"{key}: {fields[key]}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes | None]  # None removes a file
    code: str
    path: str
    line: int
    col: int | None = None
    hint: str | None = None  # expected in the hint


CASES = [
    Case("missing front matter", {ARTICLE: "Shanghai launched a pilot.\n"}, "front-matter-missing", ARTICLE, 1),
    Case("unclosed front matter", {ARTICLE: "---\ntitle: Pilot\ndate: 2017-04-19\n\nBody.\n"},
         "front-matter-unclosed", ARTICLE, 1),
    Case("yaml syntax error", {ARTICLE: article(summary="a: b")}, "yaml-syntax", ARTICLE, 4, 11),
    Case("front matter not a mapping", {ARTICLE: "---\n- title\n- date\n---\nBody.\n"},
         "front-matter-not-mapping", ARTICLE, 2),
    Case("missing required field", {ARTICLE: article(summary=None)}, "missing-field", ARTICLE, 1,
         hint="summary:"),
    Case("wrong type (Norway problem)", {ARTICLE: article(title="NO")}, "wrong-type", ARTICLE, 2, 8,
         hint='title: "NO"'),
    Case("wrong type (number)", {ARTICLE: article(title="1.10")}, "wrong-type", ARTICLE, 2, hint='"1.10"'),
    Case("empty title", {ARTICLE: article(title='""')}, "empty-value", ARTICLE, 2),
    Case("empty summary", {ARTICLE: article(summary="' '")}, "empty-value", ARTICLE, 4),
    Case("empty body", {ARTICLE: article().replace("Shanghai launched a pilot project.\n", "\n")},
         "empty-body", ARTICLE, 13),
    Case("title too long", {ARTICLE: article(title="T" * 161)}, "too-long", ARTICLE, 2),
    Case("summary too long", {ARTICLE: article(summary="S" * 301)}, "too-long", ARTICLE, 4),
    Case("unknown key", {ARTICLE: article(organizations=None).replace("people:", "organisations: [smbqts]\npeople:")},
         "unknown-key", ARTICLE, 7, 1, hint="did you mean 'organizations'?"),
    Case("invalid date", {ARTICLE: article(date="2017-02-30")}, "invalid-date", ARTICLE, 3, 7),
    Case("month 13", {"events/kickoff.md": BASE["events/kickoff.md"].replace("2017-04-13", "2017-13")},
         "invalid-date", "events/kickoff.md", 3),
    Case("end before date", {"events/kickoff.md": BASE["events/kickoff.md"].replace(
        "kind: meeting", "end: 2017-04-12\n        kind: meeting")}, "date-order", "events/kickoff.md", 4),
    Case("year folder mismatch", {ARTICLE: article(date="2018-04-19")}, "year-folder", ARTICLE, 3,
         hint="content/news/2018/"),
    Case("file name not an id", {"organizations/SMBQTS_Bureau.md": "---\nname: X\n---\n"}, "invalid-id",
         "organizations/SMBQTS_Bureau.md", 1, hint="smbqts-bureau.md"),
    Case("duplicate id", {"organizations/bureaus/smbqts.md": "---\nname: Copy\n---\n"}, "duplicate-id",
         "organizations/smbqts.md", 1),
    Case("missing organization", {ARTICLE: article(organizations="[smbqt]")}, "unknown-reference", ARTICLE, 7,
         hint="did you mean 'smbqts' (Shanghai Municipal Bureau of Quality and Technical Supervision)?"),
    Case("missing person", {ARTICLE: article(people="[chen-xiaojn]")}, "unknown-reference", ARTICLE, 8,
         hint="'chen-xiaojun'"),
    Case("missing place", {ARTICLE: article(places="[putu]")}, "unknown-reference", ARTICLE, 9, hint="'putuo'"),
    Case("missing event", {ARTICLE: article(events="[kick-off]")}, "unknown-reference", ARTICLE, 10,
         hint="'kickoff'"),
    Case("missing topic", {ARTICLE: article(topics="[service]")}, "unknown-reference", ARTICLE, 11,
         hint="'services'"),
    Case("organization parent cycle", {"organizations/shanghai-government.md":
         "---\nname: Shanghai municipal government\nparent: smbqts\n---\n"}, "parent-cycle",
         "organizations/shanghai-government.md", 3),
    Case("place parent cycle", {"places/shanghai.md": "---\nname: Shanghai\nparent: putuo\n---\n"},
         "parent-cycle", "places/putuo.md", 4),
    Case("role names a missing organization", {"people/chen-xiaojun.md": BASE["people/chen-xiaojun.md"].replace(
        "organization: smbqts", "organization: smbqtz")}, "unknown-reference", "people/chen-xiaojun.md", 5),
    Case("non-http url", {ARTICLE: article().replace("  name: China Daily", "  name: China Daily\n  url: ftp://x.org/a")},
         "invalid-url", ARTICLE, 7, 8),
    Case("country not two letters", {"places/shanghai.md": "---\nname: Shanghai\ncountry: China\n---\n"},
         "invalid-country", "places/shanghai.md", 3),
    Case("duplicate list entry", {ARTICLE: article(organizations="[smbqts, smbqts]")}, "duplicate-entry",
         ARTICLE, 7, 25),
    Case("not utf-8", {"organizations/smbqts.md": b"---\nname: Bureau \xff\n---\n"}, "file-encoding",
         "organizations/smbqts.md", 2, 14),
    Case("unknown folder", {"organisations/iso.md": "---\nname: ISO\n---\n"}, "unknown-folder",
         "organisations/iso.md", 1, hint="'organizations/'"),
]


def make_content(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    content = write_tree(root / "content", {k: v for k, v in BASE.items()})
    for rel, value in (files or {}).items():
        path = content / rel
        if value is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(textwrap.dedent(value), encoding="utf-8")
    return content


def find(items: list[Diagnostic], case: Case, content: Path) -> Diagnostic:
    expected_path = (content / case.path).as_posix()
    matches = [d for d in items if d.code == case.code and Path(d.path).resolve().as_posix().endswith(
        Path(expected_path).resolve().as_posix().split("/content/", 1)[1])]
    assert matches, f"no {case.code} diagnostic for {case.path}; got:\n" + "\n".join(d.format_text() for d in items)
    return matches[0]


def test_base_content_is_clean(tmp_path: Path) -> None:
    result = build_catalog(make_content(tmp_path))
    assert [d.format_text() for d in result.report.items] == []
    assert result.catalog.counts()["articles"] == 1


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_diagnostic(case: Case, tmp_path: Path) -> None:
    content = make_content(tmp_path, case.files)
    result = build_catalog(content)
    diagnostic = find(result.report.items, case, content)
    assert diagnostic.is_error
    assert diagnostic.line == case.line, diagnostic.format_text()
    if case.col is not None:
        assert diagnostic.col == case.col, diagnostic.format_text()
    if case.hint is not None:
        assert diagnostic.hint and case.hint in diagnostic.hint, diagnostic.format_text()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mkdocs_build_stops_with_the_same_message(
    case: Case, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = make_content(tmp_path, case.files)
    expected = find(build_catalog(content).report.items, case, content).format_text()
    config = load_config(str(write_config(tmp_path, content)))
    caplog.set_level(logging.INFO, logger="mkdocs")
    with pytest.raises((Abort, PluginError)):
        build(config)
    assert expected in caplog.text
    assert not (tmp_path / "site" / "news").exists()


def test_all_problems_reported_in_one_run(tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = {
        ARTICLE: article(title="NO", date="2017-13", organizations="[smbqt]"),
        "places/shanghai.md": "---\nname: Shanghai\ncountry: China\n---\n",
        "organisations/iso.md": "---\nname: ISO\n---\n",
    }
    items = build_catalog(make_content(tmp_path, files)).report.items
    codes = {d.code for d in items if d.is_error}
    assert {"wrong-type", "invalid-date", "unknown-reference", "invalid-country", "unknown-folder"} <= codes


def test_unreferenced_entity_is_a_warning_not_an_error(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"organizations/iso.md": "---\nname: ISO\nkind: international-body\n---\n"})
    items = build_catalog(content).report.items
    assert [(d.code, d.severity.value) for d in items] == [("unreferenced", "warning")]
    done = portal("check", "--content", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning[unreferenced]" in done.stdout
    strict = portal("check", "--strict", "--content", str(content), cwd=tmp_path)
    assert strict.returncode == 1


def test_check_text_output_and_exit_codes(tmp_path: Path) -> None:
    content = make_content(tmp_path, {ARTICLE: article(title="NO")})
    done = portal("check", "--content", "content", cwd=tmp_path)
    assert done.returncode == 1
    assert f"content/{ARTICLE}:2:8: error[wrong-type]: 'title' must be text" in done.stdout
    assert '  hint: put the value in quotes: title: "NO"' in done.stdout
    assert "1 error" in done.stderr
    clean = make_content(tmp_path / "clean")
    assert portal("check", "--content", str(clean), cwd=tmp_path).returncode == 0
    assert portal("check", "--format", "yaml", cwd=tmp_path).returncode == 2
    assert portal("check", "--content", "nowhere", cwd=tmp_path).returncode == 2
    assert content.exists()


def test_check_json_and_github_formats(tmp_path: Path) -> None:
    make_content(tmp_path, {ARTICLE: article(date="2017-13")})
    data = json.loads(portal("check", "--format", "json", cwd=tmp_path).stdout)
    assert data == [{
        "path": f"content/{ARTICLE}", "line": 3, "col": 7, "severity": "error", "code": "invalid-date",
        "message": "'date': '2017-13' has month 13; months run from 01 to 12",
        "hint": "dates are YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar",
    }]
    github = portal("check", "--format", "github", cwd=tmp_path).stdout.strip()
    assert github.startswith(f"::error file=content/{ARTICLE},line=3,col=7,title=portal invalid-date::")


def test_json_names_the_target_and_the_other_file(tmp_path: Path) -> None:
    """Tools read what a cross-file problem is about from fields, not from its wording (issue 22)."""
    make_content(tmp_path, {ARTICLE: article(organizations="[smbqtz]"),
                            "organizations/smbqts-2.md": "---\nname: SMBQTS\nkind: government-agency\n---\n"})
    data = json.loads(portal("check", "--format", "json", cwd=tmp_path).stdout)
    by_code = {d["code"]: d for d in data}
    assert by_code["unknown-reference"]["target"] == {"kind": "organization", "id": "smbqtz"}
    assert "related" not in by_code["unknown-reference"]
    duplicate = by_code["duplicate-name"]
    assert duplicate["path"] == "content/organizations/smbqts.md"
    assert duplicate["target"] == {"kind": "organization", "id": "smbqts-2"}
    assert duplicate["related"] == "content/organizations/smbqts-2.md"
    assert all("target" not in d for d in data if d["code"] not in {"unknown-reference", "duplicate-name"})


def test_check_paths_limit_the_report(tmp_path: Path) -> None:
    make_content(tmp_path, {ARTICLE: article(title="NO"), "places/shanghai.md": "---\nname: S\ncountry: X\n---\n"})
    done = portal("check", "content/places", cwd=tmp_path)
    assert done.returncode == 1
    assert "places/shanghai.md" in done.stdout and ARTICLE not in done.stdout
