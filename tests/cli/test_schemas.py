"""`portal schema` and the field reference: generated from the models, never drifting from them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator.diagnostics import CODES, Report
from generator.kinds import Kind
from generator.load.documents import load_tree
from generator.validate import fields, models

from ..fixture_site import FIXTURE_CONTENT
from ..helpers import ROOT, page_text, read_page
from ..live import LIVE_CONTENT
from ..workbench import run_portal

SCHEMAS = ROOT / "schemas"
ALL_KEYS = {(doc.name, f.key) for doc in fields.reference() for f in doc.fields}


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    code, out, _ = run_portal(ROOT, "schema", "--output", str(tmp_path))
    assert code == 0
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.json")}
    assert set(fresh) == {f"{k}.schema.json" for k in (*models.MODELS, "topics") if k != "topic"}
    assert committed == fresh, "schemas/ is stale: run `portal schema` and commit the result"
    assert len(out.splitlines()) == len(fresh)


def _validator(name: str) -> jsonschema.Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("content", [FIXTURE_CONTENT, pytest.param(LIVE_CONTENT, marks=pytest.mark.live)],
                         ids=["fixture", "live"])
def test_schemas_accept_every_real_file(content: Path) -> None:
    tree = load_tree(content, Report())
    assert tree.documents
    for doc in tree.documents:
        name = "topics" if doc.kind is Kind.TOPICS else doc.kind.value
        errors = [e.message for e in _validator(name).iter_errors(doc.front.data)]
        assert not errors, (doc.path, errors)


@pytest.mark.parametrize(("name", "data", "why"), [
    ("article", {"title": "T", "date": "2024-05-06", "summary": "S"}, "'source' is a required property"),
    ("organization", {"name": "Acme", "kind": "bakery"}, "'bakery' is not one of"),
    ("event", {"title": "E", "date": "6 May 2024"}, "does not match"),
    ("person", {"name": "Ann", "role": []}, "Additional properties are not allowed"),
    ("topics", {"Bad Id": {"name": "X"}}, "does not match"),
    ("topics", {"ok": {"title": "X"}}, "'name' is a required property"),
])
def test_schemas_reject_broken_front_matter(name: str, data: dict, why: str) -> None:
    messages = [e.message for e in _validator(name).iter_errors(data)]
    assert any(why in m for m in messages), messages


def test_vscode_settings_point_at_existing_schemas() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping and all((ROOT / path).is_file() for path in mapping)
    assert mapping["./schemas/topics.schema.json"] == ["content/topics.yml"]


def test_portal_docs_lists_every_field(tmp_path: Path) -> None:
    code, out, _ = run_portal(ROOT, "docs")
    assert code == 0
    sections = re.split(r"^## ", out, flags=re.M)
    for name, key in ALL_KEYS:
        section = next(s for s in sections if s.startswith(name.capitalize() + "\n"))
        assert f"| `{key}` |" in section, (name, key)
    for value in models.EVENT_KINDS + models.ORGANIZATION_KINDS + models.PLACE_KINDS:
        assert f"`{value}`" in out
    codes = next(s for s in sections if s.startswith("Diagnostic codes\n"))
    assert all(f"| `{code}` | {meaning} |" in codes for code, meaning in CODES.items())  # from the registry
    target = tmp_path / "fields.md"
    assert run_portal(ROOT, "docs", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out


@pytest.mark.live
def test_field_reference_page_is_built_from_the_models(built_site: Path) -> None:
    html = read_page(built_site, "contribute/fields/")
    text = page_text(html)
    for name, key in ALL_KEYS:
        assert f'id="{name}-{key}"' in html, (name, key)
    for doc in fields.reference():
        for f in doc.fields:
            assert f.description in text, (doc.name, f.key)
    assert all(f"<code>{value}</code>" in html for value in models.EVENT_KINDS + models.ORGANIZATION_KINDS)
    assert not (LIVE_CONTENT / "contribute" / "fields.md").exists()  # generated at build time, never committed
    assert "Contribute" in page_text(read_page(built_site, "contribute/"))
