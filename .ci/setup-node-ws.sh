#!/usr/bin/env bash
# Installs what the Node interop tests need: Node.js (from Debian, if missing) and the ws package
# pinned in integration-tests/node/package-lock.json. Idempotent and quiet; safe to run on every build.
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../integration-tests/node" && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq nodejs npm >/dev/null
fi

if [ ! -f "$dir/node_modules/ws/package.json" ]; then
  (cd "$dir" && npm ci --silent --no-audit --no-fund --loglevel=error >/dev/null)
fi
