"""Standards and committees (issue 21), on fixture content made for them: designations as written resolve
to their standard (a designation with no file still gets a page), editions, committees, the checks and
their notes, `portal new`, and the built pages, links, API, JSON-LD, feeds and search."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import html5lib
import jsonschema
import pytest

from generator import designations
from generator.cli.new import ScaffoldError, new_designated
from generator.pipeline import build_catalog

from .helpers import mkdocs_build, write_config, write_tree

ARTICLE = """---
title: {title}
date: {date}
summary: A fictional report.
source: {{name: Example Daily}}
organizations: [esb, old-committee]
{extra}---
{body}
"""

CONTENT = {
    "index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "about.md": "# About\n", "contribute.md": "# Contribute\n",
    "organizations/esb.md": "---\nname: Example Standards Body\nshort_name: ESB\nkind: national-body\n---\n",
    "organizations/old-committee.md": "---\nname: Old Committee\nkind: committee\nparent: esb\n---\n",
    "committees/iso-tc-176.md": "---\ndesignation: ISO/TC 176\ntitle: Quality management and quality assurance\n"
                                "organization: esb\nsecretariat: esb\n---\n",
    "committees/iso-tc-176-sc-2.md": "---\ndesignation: ISO/TC 176/SC 2\ntitle: Quality systems\nparent: iso-tc-176\n"
                                     "---\n",
    "standards/iso-9001-2000.md": "---\ndesignation: \"ISO 9001:2000\"\ntitle: Quality management systems\n"
                                  "status: withdrawn\npublisher: esb\n---\n",
    "standards/iso-9001-2008.md": "---\ndesignation: \"ISO 9001:2008\"\ntitle: Quality management systems\n"
                                  "status: withdrawn\npublisher: esb\ncommittee: iso-tc-176-sc-2\npublished: 2008-11\n"
                                  "ics: [\"03.120.10\"]\nsupersedes: [iso-9001-2000]\n"
                                  "url: https://example.org/catalogue/9001\n---\nThe fourth edition.\n",
    "news/2009/quality-week.md": ARTICLE.format(
        title="Quality week", date="2009-05-01", extra="standards: [\"ISO9001:2008\", \"GBT 19001-2008\"]\n",
        body="The week discussed ISO 9001:2008 and the work of ISO/TC 176. ISO 9001:2008 again.\n"),
    "news/2010/undated.md": ARTICLE.format(
        title="An undated reference", date="2010-01-01", extra="standards: [\"ISO 9001\"]\n",
        body="A report on ISO 9001.\n"),
}


def test_designations_as_people_write_them() -> None:
    same = ["ISO 9001:2015", "ISO9001:2015", "iso 9001-2015", "ISO  9001:2015"]
    assert {designations.key(d) for d in same} == {"ISO 9001:2015"}
    assert designations.key("GBT 19001-2016") == designations.key("GB/T 19001:2016") == "GB/T 19001-2016"
    assert designations.family("ISO/IEC 27001:2022") == "ISO/IEC 27001"
    assert designations.parse("IEC 60601-1-2:2014") == ("IEC", "60601-1-2", 2014)  # parts are not years
    assert designations.parse("ITU-T X.509") == ("ITU-T", "X.509", None)
    assert designations.parse("DB31/T 1234-2020") == ("DB31/T", "1234", 2020)
    assert designations.parse("Standards+") is None
    assert designations.parse_committee("iso/tc176") == "ISO/TC 176"
    assert designations.parse_committee("ISO/IEC JTC1/SC27") == "ISO/IEC JTC 1/SC 27"
    text = ("The IEC 1906 Award in 2017 (ISO 2017) went to ISO/TC 46/SC 9 for GB/T 19001-2016, IEC 62443-3-3 "
            "and ASTM D638.")
    assert [(what, key) for _, _, what, key in designations.find(text)] == [
        ("committee", "ISO/TC 46/SC 9"), ("standard", "GB/T 19001-2016"), ("standard", "IEC 62443-3-3"),
        ("standard", "ASTM D638")]
    assert set(designations.parse("ISO 9001:2008").spellings()) >= {"ISO 9001", "ISO9001", "9001:2008"}  # type: ignore[union-attr]


def test_designations_resolve_and_get_pages(tmp_path: Path) -> None:
    result = build_catalog(write_tree(tmp_path / "content", CONTENT))
    assert not result.report.has_errors, result.report.items
    cat = result.catalog
    standards = cat.table("standard")
    week, undated = cat.articles["2009/quality-week"], cat.articles["2010/undated"]
    new = standards["iso-9001-2008"]
    assert [s.id for s in week.standards] == ["iso-9001-2008", "gb-t-19001-2008"]  # spelling does not matter
    assert undated.standards == [new]  # undated: the newest edition
    assert new.articles == [undated, week]  # both ways, newest first
    fileless = standards["gb-t-19001-2008"]
    assert not fileless.has_file and fileless.designation == "GB/T 19001-2008" and fileless.articles == [week]
    old = standards["iso-9001-2000"]
    assert new.supersedes == [old] and old.superseded_by == [new] and new.editions == [old, new]
    assert list(standards) == ["gb-t-19001-2008", "iso-9001-2000", "iso-9001-2008"]  # designation order
    tc, sc = cat.table("committee")["iso-tc-176"], cat.table("committee")["iso-tc-176-sc-2"]
    assert sc.parent is tc and tc.children == [sc] and sc.standards == [new] and new.committee is sc
    assert tc.articles == [week]  # named in its text
    assert sc.articles == [undated, week]  # through its standard
    esb = cat.organizations["esb"]
    assert esb.referrers["committee"] == [tc] and esb.referrers["standard"] == [old, new]


def test_checks_and_notes(tmp_path: Path) -> None:
    files = {**CONTENT, "news/2011/unlisted.md": ARTICLE.format(
        title="Unlisted", date="2011-01-01", extra="", body="First line.\nIt cites IEC 61508 twice: IEC 61508.\n"),
        "standards/bad.md": "---\ndesignation: Quality 9001\ntitle: Bad\nics: [\"3.12\"]\n---\n"}
    result = build_catalog(write_tree(tmp_path / "content", files))
    found = {(Path(d.path).name, d.line, d.col, d.severity.value, d.code): d for d in result.report.items}
    # Once, at its first mention (line 9 of the file, column 10).
    assert [k for k in found if k[4] == "unlisted-standard"] == [("unlisted.md", 9, 10, "warning", "unlisted-standard")]
    note = found[("quality-week.md", 7, 29, "note", "standard-without-file")]
    assert 'portal new standard "GB/T 19001-2008"' in (note.hint or "")
    assert ("old-committee.md", 3, 7, "note", "committee-as-organization") in found
    assert ("bad.md", 2, 14, "error", "invalid-designation") in found
    assert found[("bad.md", 4, 7, "error", "invalid-value")].message == "'3.12' in 'ics[0]' is not an ICS code"
    assert not [d for d in result.report.items if d.code == "unreferenced" and "/standards/" in d.path]


def test_check_changed_gives_the_same_notes(tmp_path: Path) -> None:
    """`portal check --changed` (summaries) reports the designation notes and warnings as a full check does."""
    from generator.cli import changed

    from .workbench import commit, init

    content = write_tree(tmp_path / "content", CONTENT)
    init(tmp_path)
    commit(tmp_path, "base")
    (content / "news/2010/undated.md").write_text(ARTICLE.format(
        title="An undated reference", date="2010-01-01", extra="standards: [\"ISO 14001\"]\n",
        body="A report on ISO 9001 and ISO 45001.\n"), encoding="utf-8")
    (content / "standards/iso-9001-2000.md").unlink()
    result = build_catalog(content)
    full = [d.to_json() for d in changed.select(result.report.items, result.tree, None)]
    found, _files = changed.check(content, None)
    assert [d.to_json() for d in found] == full
    assert {d.code for d in found} >= {"standard-without-file", "unlisted-standard", "unknown-reference"}


def test_portal_new(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", CONTENT)
    path = new_designated(content, "standard", "ISO 14001:2015", "Environmental management systems")
    assert path == content / "standards/iso-14001-2015.md"
    assert 'designation: "ISO 14001:2015"' in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already describes ISO 9001:2008"):
        new_designated(content, "standard", "ISO9001-2008", "Again")
    with pytest.raises(ScaffoldError, match="not a standard's designation"):
        new_designated(content, "standard", "Quality", "x")
    committee = new_designated(content, "committee", "ISO/TC 46/SC 9", "Identification and description")
    assert committee.name == "iso-tc-46-sc-9.md"
    result = build_catalog(content)
    assert {d.code for d in result.report.items if d.path.endswith(("iso-14001-2015.md", "iso-tc-46-sc-9.md"))} \
        == {"placeholder"}  # only the TODO body line is left to fill in


def _html(site: Path, url: str) -> tuple[str, object]:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return text, html5lib.parse(text, namespaceHTMLElements=False)


def test_site(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", CONTENT)
    run = mkdocs_build(write_config(tmp_path, content, site_url="https://portal.example.org/"))
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    text, tree = _html(site, "standards/iso-9001-2008")
    h1 = tree.find(".//h1")  # type: ignore[attr-defined]
    assert "".join(h1.itertext()).startswith("ISO 9001:2008 Quality management systems")
    links = {a.get("href"): "".join(a.itertext()) for a in tree.iter("a")}  # type: ignore[attr-defined]
    assert links["../../news/2009/quality-week/"] and links["../../news/2010/undated/"]  # its reports
    assert links["../iso-9001-2000/"] == "ISO 9001:2000"  # the edition it replaced
    assert links["../../committees/iso-tc-176-sc-2/"] == "ISO/TC 176/SC 2"
    assert links["https://example.org/catalogue/9001"]
    assert 'type="application/rss+xml"' in text and (site / "standards/iso-9001-2008/feed.xml").is_file()
    [ld] = [json.loads(s.text) for s in tree.iter("script") if s.get("type") == "application/ld+json"]  # type: ignore[attr-defined]
    main = next(n for n in ld["@graph"] if n.get("identifier") == "ISO 9001:2008")
    assert main["@type"] == "CreativeWork"
    _, article = _html(site, "news/2009/quality-week")
    body = {a.get("href"): "".join(a.itertext()) for a in article.iter("a")}  # type: ignore[attr-defined]
    assert body["../../../standards/iso-9001-2008/"] == "ISO9001:2008" or "ISO 9001:2008" in body.values()
    assert body["../../../committees/iso-tc-176/"] == "ISO/TC 176"  # the body's first mention, linked
    assert body["../../../standards/gb-t-19001-2008/"] == "GB/T 19001-2008"  # chip of a fileless standard
    paragraph = next(p for p in article.iter("p") if "The week discussed" in "".join(p.itertext()))  # type: ignore[attr-defined]
    assert [a.text for a in paragraph.iter("a")] == ["ISO 9001:2008", "ISO/TC 176"]  # first mention only
    fileless, _ = _html(site, "standards/gb-t-19001-2008")
    assert "no entry of its own yet" in fileless
    index, _ = _html(site, "standards")
    assert 'href="#ics-03"' in index and "Example Standards Body" in index
    committee, _ = _html(site, "committees/iso-tc-176")
    assert 'href="../iso-tc-176-sc-2/"' in committee
    for name in ("standards", "committees"):
        data = json.loads((site / f"api/v1/{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((site / f"api/v1/schema/{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
    standards = {s["id"]: s for s in json.loads((site / "api/v1/standards.json").read_text())["items"]}
    assert standards["iso-9001-2008"]["editions"] == ["iso-9001-2000", "iso-9001-2008"]
    assert standards["gb-t-19001-2008"]["has_file"] is False
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    [record] = [f for f in fragments if f["url"].endswith("/standards/iso-9001-2008/")]
    assert "ISO9001" in record["content"] and "9001:2008" in record["content"]  # the spellings readers type


def test_serve_re_renders_a_report_whose_text_names_a_new_committee(tmp_path: Path) -> None:
    """The body's links to committees come from the catalog: adding the committee's file must change the
    report's page fingerprint (`mkdocs serve --dirty` would otherwise keep the page without the link)."""
    from generator.pages.incremental import fingerprints
    from generator.pages.plan import plan

    def prints(files: dict[str, str]) -> dict[str, bytes]:
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        result = build_catalog(write_tree(root / "content", files))
        return fingerprints(plan(result.catalog, []), result.catalog, result.tree, b"")

    without = {k: v for k, v in CONTENT.items() if k != "committees/iso-tc-176.md"}
    without["committees/iso-tc-176-sc-2.md"] = without["committees/iso-tc-176-sc-2.md"].replace(
        "parent: iso-tc-176\n", "")
    before, after = prints(without), prints(CONTENT)
    assert before["news/2009/quality-week.md"] != after["news/2009/quality-week.md"]
