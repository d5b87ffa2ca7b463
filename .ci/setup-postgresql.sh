#!/bin/sh
# Installs Debian's PostgreSQL server for the notes application's tests, quietly, and only if it is
# missing (Debian or Ubuntu, as root). The tests run their own server, initialised in a temporary
# directory and listening on a free loopback port; they never use /etc/postgresql or the system
# service, which the install is kept from starting.
set -eu

if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    exit 0
fi

log=$(mktemp)
policy=/usr/sbin/policy-rc.d
added_policy=
if [ ! -e "$policy" ]; then
    # "101: action not allowed": the package's scripts do not start a cluster of their own.
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    added_policy=yes
fi
export DEBIAN_FRONTEND=noninteractive
status=0
{ apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql; } >"$log" 2>&1 || status=$?
if [ -n "$added_policy" ]; then
    rm -f "$policy"
fi
if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
ls /usr/lib/postgresql/*/bin/postgres >/dev/null
