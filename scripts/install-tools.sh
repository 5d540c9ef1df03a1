#!/usr/bin/env bash
# Installs everything `make test` needs besides the Python packages (requirements/test.txt):
#   - Debian packages, all named here (DEBIAN below), only when the command each provides is missing;
#     installing them needs root on a Debian-like machine (CI runs as root);
#   - the npm test tools at the versions of tools/package-lock.json (axe-core, Lighthouse, the Nu HTML
#     Checker), with `npm ci --ignore-scripts` into the git-ignored .tools/: nothing runs at install time
#     (vnu-jar's own script would download a Java runtime) and nothing but the locked files is fetched.
# Called by `make test` (target `tools`). On CI (CI=true) anything missing is an error; elsewhere the
# browser and validator tests are skipped with a message saying what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package : the command or file it provides. The browser tests use Chromium (or PORTAL_CHROMIUM),
# npm installs the tools below, and the Nu HTML Checker runs on Java.
DEBIAN=(
  "chromium:${PORTAL_CHROMIUM:-/usr/bin/chromium}"
  "npm:npm"
  "default-jre-headless:java"
)
TOOLS=".tools"
LOCK="tools/package-lock.json"
on_ci() { [ "${CI:-}" = "true" ]; }
have() { if [[ "$1" == /* ]]; then [ -x "$1" ]; else command -v "$1" >/dev/null 2>&1; fi; }

wanted=()
for entry in "${DEBIAN[@]}"; do
  have "${entry#*:}" || wanted+=("${entry%%:*}")
done
if [ "${#wanted[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: apt-get install ${wanted[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
  else
    echo "install-tools: run 'sudo apt-get install ${wanted[*]}'; the browser tests are skipped until then" >&2
  fi
fi

missing=0
for entry in "${DEBIAN[@]}"; do
  if ! have "${entry#*:}"; then
    echo "install-tools: ${entry#*:} is missing (Debian package ${entry%%:*})" >&2
    missing=1
  fi
done

# npm ci empties node_modules and installs exactly the lock; skipped when .tools/ already holds this lock.
if have npm && ! cmp -s "$LOCK" "$TOOLS/package-lock.json"; then
  echo "install-tools: npm ci ($LOCK) into $TOOLS/"
  mkdir -p "$TOOLS"
  cp tools/package.json "$LOCK" "$TOOLS/"
  if ! (cd "$TOOLS" && npm ci --silent --ignore-scripts --no-audit --no-fund); then
    rm -f "$TOOLS/package-lock.json"  # try again next time
    missing=1
  fi
fi
for tool in axe-core lighthouse vnu-jar; do
  if [ ! -f "$TOOLS/node_modules/$tool/package.json" ]; then
    echo "install-tools: $tool is missing from $TOOLS/ (needs npm)" >&2
    missing=1
  fi
done

if [ "$missing" = 1 ] && on_ci; then
  echo "install-tools: test tools missing on CI" >&2
  exit 1
fi
exit 0
