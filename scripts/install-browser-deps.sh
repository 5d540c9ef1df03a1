#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium and a pinned axe-core.
# Placeholder until the browser tests land; kept so `make test` has one entry point.
set -euo pipefail
exit 0
