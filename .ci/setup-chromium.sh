#!/usr/bin/env bash
# Installs what the browser tests need, quietly and only what is missing (Debian or Ubuntu, as root):
# Debian's chromium, Node.js with npm, and the packages pinned in integration-tests/node/package-lock.json
# (playwright-core drives the browser; it downloads no browser of its own). Safe to run on every build.
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../integration-tests/node" && pwd)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [ ! -f "$dir/node_modules/playwright-core/package.json" ] || [ ! -f "$dir/node_modules/ws/package.json" ]; then
  if ! (cd "$dir" && npm ci --silent --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
fi
