"""The pull-request path: CI workflow (schema-valid), pre-commit hooks and the PR template."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers import ROOT, write_tree
from .workbench import run_portal

WORKFLOW = ROOT / ".github/workflows/ci.yml"


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    # The schema is the copy of SchemaStore's that check-jsonschema ships: no network needed.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_every_workflow_is_valid(schema: str) -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
    assert WORKFLOW in workflows
    done = _check_jsonschema("--builtin-schema", schema, *map(str, workflows))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1)
    (tmp_path / "ci.yml").write_text(broken, encoding="utf-8")
    done = _check_jsonschema("--builtin-schema", "vendor.github-workflows", str(tmp_path / "ci.yml"))
    assert done.returncode == 1


def _workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); the schema check above reads it properly.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_workflow_checks_builds_tests_and_deploys_main() -> None:
    wf = _workflow()
    assert "pull_request" in wf["on"] and wf["on"]["push"]["branches"] == ["main"]
    build = wf["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build]
    order = [next(i for i, r in enumerate(runs) if cmd in r)
             for cmd in ("portal check --format github", "mkdocs build --strict", "make test")]
    assert order == sorted(order)
    uses = {s.get("uses", "").split("@")[0]: s for s in build}
    assert uses["actions/upload-artifact"]["with"]["path"].rstrip("/") == "site"
    assert "if" not in uses["actions/upload-artifact"]  # every pull request gets its preview
    pages = uses["actions/upload-pages-artifact"]
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert pages["if"] == main_only
    deploy = wf["jobs"]["deploy"]
    assert deploy["if"] == main_only and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def _hook_command(entry: str) -> list[str]:
    argv = shlex.split(entry)
    assert Path(argv[0]).name == "portal"
    return argv[1:]


def test_pre_commit_hooks_run_portal_check_on_content(tmp_path: Path) -> None:
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = local["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["files"] == "^content/" and hook["pass_filenames"] is False
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [shared] = published
    assert shared | {"description": None} == {
        "id": "portal-check", "name": shared["name"], "description": None, "entry": "portal check",
        "language": "python", "files": "^content/", "pass_filenames": False,
    }
    for entry in (hook["entry"], shared["entry"]):  # the commands really check: clean passes, broken fails
        args = _hook_command(entry)
        assert run_portal(ROOT, *args)[0] == 0
        write_tree(tmp_path / "content", {"organizations/acme.md": "---\nname: Acme\nkind: bakery\n---\n"})
        code, out, _ = run_portal(tmp_path, *args)
        assert code == 1 and "error[invalid-value]" in out


def test_pull_request_template_has_the_editors_checklist() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8").lower()
    boxes = [line for line in text.splitlines() if line.startswith("- [ ]")]
    for item in ("source cited", "dates precise", "entities linked", "`portal check` clean"):
        assert any(item in box for box in boxes), item
