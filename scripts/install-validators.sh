#!/usr/bin/env bash
# Installs the independent validators that `make test` runs on a built site (tests/browser/test_validators.py):
#   - Lighthouse (npm `lighthouse`, pinned), driven against the local Chromium;
#   - the Nu HTML Checker (npm `vnu-jar`, pinned) and a Java runtime for it (Debian's default-jre-headless,
#     only when no `java` is on the PATH; needs root).
# Called by scripts/install-browser-deps.sh. On CI (CI=true) anything missing is an error; elsewhere the
# validator tests are skipped with a message saying what to install.
set -euo pipefail

LIGHTHOUSE_VERSION="12.8.2"  # exact pins: scores and messages must not change under us (12.x runs on Node 18+)
VNU_VERSION="26.9.27"
TOOLS=".tools"
on_ci() { [ "${CI:-}" = "true" ]; }

missing=0
APT_WHO="install-validators"
APT_SKIPPED="The validator tests are skipped until then."
# shellcheck source=scripts/apt.sh
source "$(dirname "$0")/apt.sh"

installed_version() {  # version of an npm package in .tools/, or nothing
  local manifest="$TOOLS/node_modules/$1/package.json"
  [ -f "$manifest" ] && grep -o '"version": *"[^"]*"' "$manifest" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/'
  return 0
}

# Java first: vnu-jar's own install script would otherwise try to download a Java runtime.
command -v java >/dev/null 2>&1 || apt_install default-jre-headless

wanted=()
[ "$(installed_version lighthouse)" = "$LIGHTHOUSE_VERSION" ] || wanted+=("lighthouse@$LIGHTHOUSE_VERSION")
[ "$(installed_version vnu-jar)" = "$VNU_VERSION" ] || wanted+=("vnu-jar@$VNU_VERSION")
if [ "${#wanted[@]}" -gt 0 ]; then
  command -v npm >/dev/null 2>&1 || apt_install npm
  if command -v npm >/dev/null 2>&1; then
    echo "install-validators: npm install ${wanted[*]} into $TOOLS/"
    # --ignore-scripts: nothing is downloaded besides the packages (vnu-jar's script fetches a JRE).
    # npm drops what it is not asked for from a folder without package.json: name axe-core again, at its version.
    keep=()
    axe="$(installed_version axe-core)"
    [ -z "$axe" ] || keep+=("axe-core@$axe")
    npm install --silent --no-audit --no-fund --no-save --ignore-scripts --prefix "$TOOLS" \
      "${keep[@]}" "lighthouse@$LIGHTHOUSE_VERSION" "vnu-jar@$VNU_VERSION"
  fi
fi
for tool in lighthouse vnu-jar; do
  if [ -z "$(installed_version "$tool")" ]; then
    echo "install-validators: $tool is missing from $TOOLS/ (needs npm)" >&2
    missing=1
  fi
done

if ! command -v java >/dev/null 2>&1; then
  echo "install-validators: no java on the PATH; the Nu HTML Checker needs it" >&2
  missing=1
fi

if [ "$missing" = 1 ] && on_ci; then
  echo "install-validators: validator dependencies missing on CI" >&2
  exit 1
fi
exit 0
