#!/bin/sh
# Installs nginx for the HTTP client's tests, quietly, and only if it is missing (Debian or Ubuntu, as
# root). The tests run their own nginx with a generated configuration in a temporary directory on a
# free loopback port; they never use /etc/nginx or the system service.
set -eu

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
    exit 0
fi

log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
