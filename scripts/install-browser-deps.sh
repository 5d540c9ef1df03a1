#!/usr/bin/env bash
# Installs what the browser tests need besides the Python packages (pyproject's `test` extra):
#   - a Chromium binary: Debian's `chromium` package when /usr/bin/chromium is missing (needs root);
#   - axe-core, pinned, from the npm registry into the project's ignored .tools/ folder.
# Called by `make test`. On CI (CI=true) anything missing is an error; elsewhere the browser tests
# are skipped with a message saying what to install.
set -euo pipefail

AXE_VERSION="4.14.1"  # exact pin: accessibility results must not change under us
CHROMIUM="${PORTAL_CHROMIUM:-/usr/bin/chromium}"
TOOLS=".tools"
on_ci() { [ "${CI:-}" = "true" ]; }

missing=0
APT_WHO="install-browser-deps"
APT_SKIPPED="Browser tests are skipped until then."
# shellcheck source=scripts/apt.sh
source "$(dirname "$0")/apt.sh"

if [ ! -x "$CHROMIUM" ]; then
  [ -n "${PORTAL_CHROMIUM:-}" ] || apt_install chromium  # a custom binary is the user's to provide
  if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser-deps: no Chromium at $CHROMIUM (set PORTAL_CHROMIUM to use another binary)" >&2
    missing=1
  fi
fi

axe="$TOOLS/node_modules/axe-core/axe.min.js"
installed=""
if [ -f "$TOOLS/node_modules/axe-core/package.json" ]; then
  installed="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$TOOLS/node_modules/axe-core/package.json" | head -n 1)"
fi
if [ "$installed" != "$AXE_VERSION" ]; then
  command -v npm >/dev/null 2>&1 || apt_install npm
  if command -v npm >/dev/null 2>&1; then
    echo "install-browser-deps: npm install axe-core@$AXE_VERSION into $TOOLS/"
    npm install --silent --no-audit --no-fund --no-save --prefix "$TOOLS" "axe-core@$AXE_VERSION"
  fi
fi
if [ ! -f "$axe" ]; then
  echo "install-browser-deps: axe-core is missing ($axe); the accessibility tests need npm" >&2
  missing=1
fi

# Lighthouse, the Nu HTML Checker and Java for the validator tests (issue 15).
bash "$(dirname "$0")/install-validators.sh" || missing=1

if [ "$missing" = 1 ] && on_ci; then
  echo "install-browser-deps: browser test dependencies missing on CI" >&2
  exit 1
fi
exit 0
