"""Issue 15: the address comes from the deployment: mkdocs.yml reads PORTAL_SITE_URL, and the GitHub
workflow sets it from actions/configure-pages before it builds the site it deploys."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from ..helpers import ROOT, portal, write_tree

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def test_site_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_SITE_URL", "https://news.example.org/portal")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://news.example.org/portal/"
    monkeypatch.delenv("PORTAL_SITE_URL")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url is None
    monkeypatch.setenv("PORTAL_SITE_URL", "")  # an unset workflow output: a preview build
    assert load_config(str(ROOT / "mkdocs.yml")).site_url is None


def test_the_deployed_build_gets_the_pages_address() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps]
    pages = next(i for i, n in enumerate(names) if n == "actions/configure-pages")
    build = next(i for i, n in enumerate(names) if "mkdocs build" in n)
    upload = next(i for i, n in enumerate(names) if n == "actions/upload-pages-artifact")
    assert pages < build < upload
    assert steps[build]["env"]["PORTAL_SITE_URL"] == "${{ steps." + steps[pages]["id"] + ".outputs.base_url }}"
    assert steps[pages]["if"] == steps[upload]["if"]  # read exactly when the site is deployed


def test_new_fields_are_checked_with_a_located_diagnostic(tmp_path: Path) -> None:
    files = {
        "organizations/acme.md": "---\nname: Acme\nsame_as:\n  - wikidata Q1\nlogo: images/acme.png\n---\n",
        "events/launch.md": '---\ntitle: Launch\ndate: "2020-01-02"\nattendance: hybrid\n---\n',
    }
    content = write_tree(tmp_path / "content", files)
    done = portal("check", "--content", str(content), cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    out = done.stdout + done.stderr
    assert "organizations/acme.md:4:5" in out and "'wikidata Q1' is not a web address" in out
    assert "organizations/acme.md:5:7: error[missing-file]: image file 'images/acme.png' does not exist" in out
    assert "events/launch.md:4:13" in out and "online" in out
