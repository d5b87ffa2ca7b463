# Shared by the CPU-per-request benchmark scripts (sourced, not run): server start and stop, medians.
# Expects SERVER_CPU; sets PIDS.

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# start_command NAME COMMAND... -> runs COMMAND pinned to SERVER_CPU; sets STARTED_PORT and
# STARTED_PID once it prints "ready <name> <word> <port>"
start_command() {
  local name=$1 log
  shift
  log=$(mktemp)
  taskset -c "$SERVER_CPU" "$@" >"$log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  for _ in $(seq 1 300); do
    if grep -q '^ready ' "$log"; then
      STARTED_PORT=$(awk '/^ready /{print $4; exit}' "$log")
      return
    fi
    sleep 0.1
  done
  echo "server $name did not start:" >&2
  cat "$log" >&2
  exit 1
}

stats() { # numbers on stdin -> "median min max"
  sort -g | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%s %s %s\n", m, v[1], v[NR]}'
}
