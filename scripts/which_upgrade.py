"""Which upgrade broke what: the newest allowed versions (a `pip freeze`) against the lock, and for the
tests that failed on the newest versions, which single upgrade, applied alone to the locked set, makes
them fail. Run by scripts/test-latest.sh (`make test-latest`); writes a Markdown report.

Each upgrade is tried in .venv-bisect: the lock installed with its hashes, then that one package at
its newest version (without its dependencies, so the upgrade is tried alone). An upgrade that needs
another one to install is reported as such. Standard library only besides `packaging` (in the lock).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\#]+?))?\s*\\?\s*$")
BISECT = Path(".venv-bisect")


def read_lock(path: Path) -> dict[str, str]:
    """{name: version} of a uv/pip-tools lock, for this Python and platform (markers evaluated)."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match and (match.group(3) is None or Marker(match.group(3)).evaluate()):
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def read_freeze(path: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("==")
        if sep:
            pins[canonicalize_name(name)] = version.strip()
    return pins


def failed_tests(junit: Path) -> list[str]:
    """Node ids of the failed and erroring tests of a pytest --junitxml report."""
    if not junit.exists():
        return []
    failed = []
    for case in ET.parse(junit).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(_node_id(case.get("classname", ""), case.get("name", "")))
    return failed


def _node_id(classname: str, name: str) -> str:
    """``tests.a.test_b.TestC`` + ``test_d`` → ``tests/a/test_b.py::TestC::test_d``."""
    parts = classname.split(".")
    for cut in range(len(parts), 0, -1):
        module = "/".join(parts[:cut]) + ".py"
        if Path(module).exists():
            return "::".join([module, *parts[cut:], name])
    return f"{classname}::{name}"


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, check=False)


def bisect(upgrades: dict[str, tuple[str, str]], failed: list[str], python: str, lock: Path) -> dict[str, str]:
    """{package: what its upgrade alone does to the failed tests}."""
    pip = [str(BISECT / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps"]
    if not (BISECT / "bin" / "python").exists():
        run([python, "-m", "venv", str(BISECT)])
    if run([*pip, "--require-hashes", "-r", str(lock)]).returncode or run(
        [*pip, "--no-build-isolation", "-e", "."]
    ).returncode:
        return dict.fromkeys(upgrades, "could not install the lock to try it")
    env = {**os.environ, "PORTAL_UNLOCKED": "1"}
    verdicts = {}
    for name, (old, new) in sorted(upgrades.items()):
        print(f"which-upgrade: trying {name} {old} -> {new} alone", flush=True)
        if run([*pip, f"{name}=={new}"]).returncode:
            verdicts[name] = "does not install alone (needs other upgrades)"
            continue
        tests = run([str(BISECT / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf",
                     *failed], env=env)
        broken = sorted({line.split()[1] for line in tests.stdout.splitlines() if line.startswith("FAILED ")})
        verdicts[name] = ("breaks " + ", ".join(f"`{t}`" for t in broken)) if broken else "breaks none of them"
        run([*pip, f"{name}=={old}"])  # back to the lock for the next one
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lock", type=Path, required=True)
    parser.add_argument("--freeze", type=Path, required=True)
    parser.add_argument("--junit", type=Path, required=True)
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--python", default=sys.executable, help="the Python to make .venv-bisect with")
    options = parser.parse_args()

    locked, latest = read_lock(options.lock), read_freeze(options.freeze)
    upgrades = {n: (locked.get(n, "-"), v) for n, v in latest.items() if locked.get(n) != v}
    failed = failed_tests(options.junit)
    lines = ["# The test suite on the newest allowed versions", ""]
    if upgrades:
        lines += ["| package | lock | newest allowed |", "|---|---|---|"]
        lines += [f"| {n} | {old} | {new} |" for n, (old, new) in sorted(upgrades.items())]
    else:
        lines.append("The lock already holds the newest allowed version of every package.")
    lines.append("")
    if not failed:
        lines.append("All tests pass on the newest versions: `make lock` can take them.")
    else:
        lines += [f"{len(failed)} test(s) fail on the newest versions:", ""]
        lines += [f"- `{t}`" for t in failed[:50]]
        lines += ["", "Each upgrade alone, on top of the lock:", ""]
        verdicts = bisect({n: u for n, u in upgrades.items() if u[0] != "-"}, failed, options.python, options.lock)
        lines += [f"- **{n}** {upgrades[n][0]} → {upgrades[n][1]}: {v}" for n, v in verdicts.items()]
    text = "\n".join(lines) + "\n"
    options.report.write_text(text, encoding="utf-8")
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
