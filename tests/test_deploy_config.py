"""Issue 15: the address comes from the deployment: mkdocs.yml reads PORTAL_SITE_URL, and the GitHub
workflow sets it from actions/configure-pages before it builds the site it deploys."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.config import load_config

from .helpers import ROOT

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
