#!/usr/bin/env bash
# `make test-latest`: the whole suite on the newest versions pyproject.toml allows, in .venv-latest (the
# locked .venv is not touched). Prints every package whose newest allowed version differs from the lock;
# when tests fail, tries each upgrade alone on top of the lock and says which upgrade broke which test
# (scripts/which_upgrade.py). The report goes to .latest/report.md (and to the GitHub job summary).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
VENV=".venv-latest"
OUT=".latest"
rm -rf "$VENV" "$OUT"
mkdir -p "$OUT"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip setuptools
# Only pyproject.toml's ranges (and the constraints every lock shares): the newest release of each.
"$VENV/bin/python" -m pip install -q --upgrade --upgrade-strategy eager -c requirements/constraints.txt -e ".[test]"
"$VENV/bin/python" -m pip freeze --all --exclude-editable > "$OUT/freeze.txt"

status=0
PORTAL_UNLOCKED=1 "$VENV/bin/python" -m pytest -q -n 2 --dist loadgroup -p no:cacheprovider --junitxml="$OUT/junit.xml" || status=$?
"$VENV/bin/python" scripts/which_upgrade.py --lock requirements/test.txt --freeze "$OUT/freeze.txt" \
  --junit "$OUT/junit.xml" --report "$OUT/report.md" --python "$PYTHON"
exit "$status"
