"""Every installed version comes from a lock (issue 19): requirements/*.txt with hashes for Python,
tools/package-lock.json for the npm tools. `make lock` refreshes them; `make test-latest` tries newer ones."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .helpers import ROOT

LOCKS = ROOT / "requirements"
UNLOCKED = os.environ.get("PORTAL_UNLOCKED") == "1"  # `make test-latest` runs on the newest versions


def _which_upgrade() -> ModuleType:
    spec = importlib.util.spec_from_file_location("which_upgrade", ROOT / "scripts" / "which_upgrade.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lock(name: str) -> dict[str, str]:
    pins: dict[str, str] = _which_upgrade().read_lock(LOCKS / name)
    return pins


@pytest.mark.skipif(UNLOCKED, reason="make test-latest runs on the newest allowed versions, not the lock")
def test_the_environment_is_exactly_the_test_lock() -> None:
    """`pip freeze` of the running environment equals the lock: nothing more, nothing less, same versions."""
    done = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
                          capture_output=True, text=True, check=True)
    installed = {canonicalize_name(n): v.strip() for n, _, v in
                 (line.partition("==") for line in done.stdout.splitlines()) if v}
    assert installed == _lock("test.txt")


@pytest.mark.parametrize("name", ["build.txt", "test.txt"])
def test_every_locked_file_has_a_hash(name: str) -> None:
    lines = (LOCKS / name).read_text(encoding="utf-8").splitlines()
    pins = [i for i, line in enumerate(lines) if "==" in line and not line.startswith((" ", "#"))]
    assert len(pins) > 10
    for i in pins:
        assert lines[i].rstrip().endswith("\\") and "--hash=sha256:" in lines[i + 1], lines[i]


def test_the_build_lock_is_the_test_lock_without_the_test_tools() -> None:
    build, test = _lock("build.txt"), _lock("test.txt")
    assert {n: test.get(n) for n in build} == build
    assert {"pytest", "mypy", "properdocs"} <= set(test) - set(build)


def test_the_locks_satisfy_pyproject() -> None:
    """A range edited in pyproject.toml without `make lock` is caught here, offline."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for lock, extras in (("build.txt", []), ("test.txt", project["optional-dependencies"]["test"])):
        pins = _lock(lock)
        for line in [*project["dependencies"], *extras]:
            req = Requirement(line)
            name = canonicalize_name(req.name)
            assert name in pins, f"{req.name} is not in requirements/{lock}: run make lock"
            assert req.specifier.contains(pins[name], prereleases=True), (
                f"requirements/{lock} pins {req.name}=={pins[name]}, outside {req.specifier}: run make lock"
            )


def test_the_npm_lock_matches_its_package_json() -> None:
    manifest = json.loads((ROOT / "tools/package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "tools/package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"]
    for name, version in manifest["dependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version  # exact pins only
    assert all("integrity" in entry for path, entry in lock["packages"].items() if path)


def test_the_installed_npm_tools_are_the_lock() -> None:
    installed = ROOT / ".tools"
    if not (installed / "node_modules").is_dir():
        pytest.skip("the npm tools are not installed (scripts/install-tools.sh)")
    lock = json.loads((ROOT / "tools/package-lock.json").read_text(encoding="utf-8"))
    for path, entry in lock["packages"].items():
        if path and not (entry.get("optional") and not (installed / path).exists()):  # other platforms' extras
            manifest = json.loads((installed / path / "package.json").read_text(encoding="utf-8"))
            assert manifest["version"] == entry["version"], path


def test_which_upgrade_reads_markers_and_failures(tmp_path: Path) -> None:
    module = _which_upgrade()
    lock = tmp_path / "lock.txt"
    lock.write_text("a==1.0 \\\n    --hash=sha256:00\nb==2.0 ; sys_platform == 'nonesuch' \\\n    --hash=sha256:11\n"
                    "c-d==3 ; python_version >= '3.8' \\\n    --hash=sha256:22\n", encoding="utf-8")
    assert module.read_lock(lock) == {"a": "1.0", "c-d": "3"}
    junit = tmp_path / "junit.xml"
    junit.write_text('<testsuites><testsuite><testcase classname="tests.test_lock" name="test_x[1]"><failure/>'
                     '</testcase><testcase classname="tests.test_lock" name="test_ok"/></testsuite></testsuites>',
                     encoding="utf-8")
    assert module.failed_tests(junit) == ["tests/test_lock.py::test_x[1]"]
