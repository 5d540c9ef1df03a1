"""A throwaway kind, declared in a test only (generator/kinds/), gets its pages, links and data with no
other file changed: the proof that a kind is one declaration plus its model (and, optionally, templates)."""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import jsonschema
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from pydantic import Field

from generator.kinds import KINDS, Kind, KindSpec, Ref, registered
from generator.pages.plan import plan
from generator.pipeline import build_catalog
from generator.validate.models import Id, Model, Text

from .helpers import env, write_config, write_tree


class Regulation(Model):
    """A regulation: content/regulations/<id>.md."""

    name: Text = Field(description="Its number and title.")
    organizations: list[Id] = Field(default_factory=list, description="Ids of the organizations that issue it.")


REGULATION = KindSpec(Kind("regulation"), "regulations", "Regulations", Regulation, folder="regulations",
                    references=(Ref("organizations", "organization"),), jsonld="CreativeWork", feed=True,
                    mentioned_by=("article", "event"),  # an article's or event's `regulations: [...]`
                    api="Every regulation, by id, with the organizations that issue it.")

CONTENT = {
    "index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "about.md": "# About\n", "contribute.md": "# Contribute\n",  # in the nav of mkdocs.yml
    "organizations/iso.md": "---\nname: International Organization for Standardization\nshort_name: ISO\n---\n",
    "organizations/iec.md": "---\nname: International Electrotechnical Commission\nshort_name: IEC\n---\n",
    "regulations/iso-9001.md": "---\nname: ISO 9001 Quality management systems\norganizations: [iso]\n---\n"
                             "The quality standard; see [IEC](../organizations/iec.md).\n",
    "regulations/iec-61508.md": "---\nname: IEC 61508 Functional safety\norganizations: [iec, iso]\n---\n",
    "news/2024/a-story.md": "---\ntitle: A story\ndate: 2024-05-01\nsummary: Two bodies met.\n"
                            "source: {name: Example Daily}\norganizations: [iso, iec]\n"
                            "regulations: [iso-9001, iec-61508]\n---\nText.\n",
}


@pytest.fixture
def regulations() -> Iterator[KindSpec]:
    with registered(REGULATION):
        yield REGULATION
    assert "regulation" not in KINDS  # forgotten again: no other test sees it


def test_pipeline_and_plan(tmp_path: Path, regulations: KindSpec) -> None:
    result = build_catalog(write_tree(tmp_path / "content", CONTENT))
    assert not result.report.has_errors, result.report.items
    table = result.catalog.table("regulation")
    assert list(table) == ["iec-61508", "iso-9001"]  # by name
    iso = result.catalog.organizations["iso"]
    assert [n.id for n in iso.referrers["regulation"]] == ["iec-61508", "iso-9001"]
    assert [o.id for o in table["iec-61508"].links["organizations"]] == ["iec", "iso"]
    story = result.catalog.articles["2024/a-story"]  # an article names it, in the list its declaration adds
    assert story.mentions["regulation"] == [table["iso-9001"], table["iec-61508"]]  # as written
    assert table["iso-9001"].articles == [story]
    specs = {s.src_uri: s for s in plan(result.catalog, [])}
    assert specs["regulations/index.md"].template == "entity-index.html"
    assert specs["regulations/iso-9001.md"].template == "entity.html"
    assert specs["regulations/iso-9001.md"].node is table["iso-9001"]


def test_unknown_reference_is_reported(tmp_path: Path, regulations: KindSpec) -> None:
    files = {**CONTENT, "regulations/iso-9001.md": "---\nname: ISO 9001\norganizations: [isoo]\n---\n"}
    result = build_catalog(write_tree(tmp_path / "content", files))
    [error] = [d for d in result.report.items if d.code == "unknown-reference"]
    assert error.path.endswith("content/regulations/iso-9001.md")
    assert (error.line, error.col, error.message) == (3, 17, "no organization with id 'isoo'")
    assert "iso" in error.hint


def test_without_the_declaration_the_folder_is_unknown(tmp_path: Path) -> None:
    result = build_catalog(write_tree(tmp_path / "content", CONTENT))
    assert {d.code for d in result.report.items if "content/regulations/" in d.path} == {"unknown-folder"}


def _page(site: Path, url: str) -> str:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=False).parse(text)  # parses as HTML
    return text


def test_namesakes_and_their_hint_follow_the_declaration(tmp_path: Path) -> None:
    """How two entries of one name are compared (words in any order, a field that tells them apart) and what
    the warning tells the editor: all from the kind's declaration (KindSpec.distinguishing, tell_apart)."""
    files = {**CONTENT, "regulations/safety-iec.md": "---\nname: Functional Safety IEC\norganizations: [iec]\n---\n",
             "regulations/iec-safety.md": "---\nname: IEC Functional Safety\norganizations: [iec]\n---\n"}
    content = write_tree(tmp_path / "content", files)

    def warned(declared: KindSpec) -> list[str]:
        with registered(declared):
            report = build_catalog(content).report
        return [f"{Path(d.path).name}: {d.hint}" for d in report.items if d.code == "duplicate-name"]

    assert warned(REGULATION) == []  # the same words in another order: not the same name by default
    in_any_order = dataclasses.replace(REGULATION, names_in_any_order=True, tell_apart="give each its number")
    assert warned(in_any_order) == [
        "safety-iec.md: if both are the same regulation, keep one and point every reference at it; "
        "if not, give each its number"]
    told_apart = dataclasses.replace(in_any_order, distinguishing=("name",))  # names differ in letters: apart
    assert warned(told_apart) == []


def test_a_declared_record_schema_is_the_api_schema(regulations: KindSpec) -> None:
    from generator.kinds import schema as s
    from generator.outputs import api_schema

    assert set(api_schema.items("regulations")["properties"]) == {"id", "url", "name", "organizations", "body"}
    record = s.record({"id": s.ident("Regulation id."), "number": s.text("Its number.")})
    with registered(dataclasses.replace(REGULATION, api_item=record)):
        assert api_schema.items("regulations") == record
        assert api_schema.fields("regulations") == [("id", "string", "Regulation id."),
                                                    ("number", "string", "Its number.")]


def test_mkdocs_build(tmp_path: Path, regulations: KindSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build, in this process (so that it sees the declaration): index, pages, back-links, API."""
    for key, value in env().items():
        monkeypatch.setenv(key, value)
    content = write_tree(tmp_path / "content", CONTENT)
    config = load_config(str(write_config(tmp_path, content)))
    mkdocs_build(config)
    site = Path(config.site_dir)
    index = _page(site, "regulations")
    assert "<h1>Regulations</h1>" in index
    assert 'href="iso-9001/"' in index and 'href="iec-61508/"' in index
    page = _page(site, "regulations/iso-9001")
    assert '<h1 id="portal-title">ISO 9001 Quality management systems</h1>' in page
    assert 'href="../../organizations/iso/"' in page
    assert "The quality standard" in page
    assert 'href="../../news/2024/a-story/"' in page and "No articles yet" not in page  # the article naming it
    assert 'href="../../../regulations/iso-9001/"' in _page(site, "news/2024/a-story")  # and back
    assert (site / "regulations/iso-9001/feed.json").is_file()  # its feed: the articles naming it
    articles = json.loads((site / "api/v1/articles.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads((site / "api/v1/schema/articles.schema.json").read_text(
        encoding="utf-8"))).validate(articles)
    assert articles["items"][0]["regulations"] == ["iso-9001", "iec-61508"]
    org = _page(site, "organizations/iso")
    assert 'id="portal-referrers-regulation">Regulations (2)</h2>' in org
    assert 'href="../../regulations/iso-9001/"' in org
    api = json.loads((site / "api/v1/regulations.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api/v1/schema/regulations.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(api)  # the generic record matches its generic schema
    assert [item["id"] for item in api["items"]] == ["iec-61508", "iso-9001"]
    assert api["items"][0]["organizations"] == ["iec", "iso"]
    assert "regulations.json" in _page(site, "api")  # the API page documents it
    [graph] = [json.loads(s.text) for s in _scripts(page) if s.get("type") == "application/ld+json"]
    main = next(n for n in graph["@graph"] if n["@type"] == "CreativeWork")  # the declared JSON-LD type
    assert main["name"] == "ISO 9001 Quality management systems"
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    [found] = [f for f in fragments if f["url"].endswith("/regulations/iso-9001/")]  # Pagefind indexed its record
    assert found["meta"]["kind"] == "Regulation" and "ISO 9001" in found["content"]


def _scripts(text: str) -> list[Any]:
    tree = html5lib.parse(text, namespaceHTMLElements=False)
    return tree.findall(".//script")


def test_field_reference_schema_and_scaffold(tmp_path: Path, regulations: KindSpec) -> None:
    """The editors' tools follow the declaration: field reference, JSON Schema and `portal new`."""
    from generator.cli.new import new_entity
    from generator.cli.schema import schemas
    from generator.validate.fields import reference

    docs = {doc.name: doc for doc in reference()}
    assert docs["regulation"].where == "content/regulations/<id>.md"
    assert {f.key for f in docs["regulation"].fields} >= {"name", "organizations"}
    schema = schemas()["regulation.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.Draft202012Validator(schema).is_valid({"name": "ISO 9001", "organizations": ["iso"]})
    assert not jsonschema.Draft202012Validator(schema).is_valid({"name": "ISO 9001", "organisations": ["iso"]})
    content = write_tree(tmp_path / "content", CONTENT)
    path = new_entity(content, "regulation", "iso-14001", "ISO 14001 Environmental management systems")
    assert path == content / "regulations" / "iso-14001.md"
    result = build_catalog(content)
    # The TODO body line; and nothing names it yet (articles may: it is declared as mentioned by them).
    assert sorted(d.code for d in result.report.items if "iso-14001" in d.path) == ["placeholder", "unreferenced"]


def test_serve_fingerprints_follow_a_declared_kind(tmp_path: Path, regulations: KindSpec) -> None:
    """`mkdocs serve --dirty` re-renders a declared kind's page, and the pages linking back to it, on an edit."""
    from generator.pages.incremental import fingerprints

    def prints(files: dict[str, str]) -> dict[str, bytes]:
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        result = build_catalog(write_tree(root / "content", files))
        return fingerprints(plan(result.catalog, []), result.catalog, result.tree, b"")

    before = prints(CONTENT)
    after = prints({**CONTENT, "regulations/iso-9001.md": "---\nname: ISO 9001:2015 Quality management\n"
                                                        "organizations: [iso]\n---\n"})
    changed = {uri for uri in before if before[uri] != after.get(uri)}
    assert {"regulations/iso-9001.md", "regulations/index.md", "organizations/iso.md",
            "news/2024/a-story.md"} <= changed  # the article names it
    assert "organizations/iec.md" not in changed and "regulations/iec-61508.md" not in changed


def test_check_changed_follows_a_declared_kind(tmp_path: Path, regulations: KindSpec) -> None:
    """`portal check --changed` (cached summaries, generator/validate/incremental.py) checks a declared kind's
    files as a full check does: an unknown organization in an edited one, and one deleted from under it."""
    from generator.cli import changed
    from generator.validate import summaries

    from .workbench import commit, init

    content = write_tree(tmp_path / "content", CONTENT)
    init(tmp_path)
    commit(tmp_path, "base")
    (content / "regulations/iso-9001.md").write_text("---\nname: ISO 9001\norganizations: [isoo]\n---\n",
                                                   encoding="utf-8")
    (content / "organizations/iec.md").unlink()  # iec-61508 (unchanged) still names it
    result = build_catalog(content)
    full = [d.to_json() for d in changed.select(result.report.items, result.tree, None)]
    for run in ("cold", "warm"):
        found, files = changed.check(content, None)
        assert [d.to_json() for d in found] == full, run
    assert files.cache is not None and files.cache.misses == 0  # the warm run: every summary from the cache
    assert "regulation" in {s.kind for s in files.summaries}
    errors = {(Path(d.path).name, d.line, d.col, d.message): d.hint for d in found if d.code == "unknown-reference"}
    assert "iso" in errors[("iso-9001.md", 3, 17, "no organization with id 'isoo'")]
    assert "iec.md was deleted in this change" in errors[("iec-61508.md", 3, 17, "no organization with id 'iec'")]
    assert summaries.counts(files)["regulations"] == 2  # the summary line counts the declared kind


def test_declaring_a_kind_starts_the_check_summaries_afresh(tmp_path: Path) -> None:
    """Summaries hold what the declarations say (which kinds are referred to, their name fields): a kind
    declared at run time changes the cache's version, as an edit of generator/kinds/ does."""
    from generator.validate import summaries

    content = write_tree(tmp_path / "content", CONTENT)
    before = summaries.cache_for(content).version
    with registered(REGULATION):
        assert summaries.cache_for(content).version != before
    assert summaries.cache_for(content).version == before
