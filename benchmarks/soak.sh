#!/usr/bin/env bash
# Soak: the demo server under mixed load (HTTP hello, async, streaming, echo; WebSocket echo; RPC
# when the demo serves it) for SOAK_SECONDS (default 600). Every SAMPLE_SECONDS it records the live
# heap (bytes of live objects, from a full GC's class histogram), live threads and open file
# descriptors; the table at the end shows the first and last samples and the change, then how many
# runs each WebSocket and RPC driver completed (with the last one's throughput and latency). Not a CI test: run it by hand on a quiet machine.
#
#   benchmarks/soak.sh                     # 10 minutes
#   SOAK_SECONDS=60 benchmarks/soak.sh     # a short look
set -euo pipefail
cd "$(dirname "$0")/.."

SOAK_SECONDS=${SOAK_SECONDS:-600}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-30}
PORT=${PORT:-18080}
JAVA=${JAVA:-java}
DEMO=examples/target/jetring-demo.jar
BENCH=benchmarks/target/jetring-benchmarks.jar

command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests -pl examples,benchmarks -am package
fi

PIDS=()
# Each WebSocket and RPC driver run appends its summary line here: the end shows that they ran.
LOGS=$(mktemp -d)
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

PORT=$PORT taskset -c 0 "$JAVA" -Xms256m -Xmx512m -jar "$DEMO" >/tmp/jetring-soak-server.log 2>&1 &
SERVER=$!
PIDS+=($SERVER)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break; sleep 0.1; done

sample() {
  local heap threads fds
  # Live objects, counted in the collection's own pause: the heap's "used" read after a GC would
  # also count what the load allocated in between.
  heap=$(jcmd "$SERVER" GC.class_histogram | awk '/^Total/{printf "%.1f", $3 / 1048576}')
  threads=$(awk '/^Threads:/{print $2}' "/proc/$SERVER/status")
  fds=$(ls "/proc/$SERVER/fd" | wc -l)
  echo "$1 $heap $threads $fds"
}

# Warm up, then take the first sample with the load running.
LOAD_END=$(( $(date +%s) + SOAK_SECONDS + 60 ))
run_wrk() { # path connections
  while [ "$(date +%s)" -lt "$LOAD_END" ]; do
    taskset -c 1 wrk -t1 -c"$2" -d20s "http://127.0.0.1:$PORT$1" >/dev/null 2>&1 || true
  done
}
run_wrk /hello 16 & PIDS+=($!)
run_wrk "/async?ms=5" 16 & PIDS+=($!)
run_wrk "/stream?chunks=64&size=16384" 4 & PIDS+=($!)
( while [ "$(date +%s)" -lt "$LOAD_END" ]; do
    taskset -c 1 "$JAVA" -Xmx256m -jar "$BENCH" ws-load "ws://127.0.0.1:$PORT/ws/echo" 16 8 512 1 20 2>/dev/null >>"$LOGS/ws.log" || true
  done ) & PIDS+=($!)
if curl -sf "http://127.0.0.1:$PORT/rpc.js" >/dev/null; then
  ( while [ "$(date +%s)" -lt "$LOAD_END" ]; do
      taskset -c 1 "$JAVA" -Xmx256m -jar "$BENCH" rpc-load rpc "ws://127.0.0.1:$PORT/rpc" 8 16 64 1 20 2>/dev/null >>"$LOGS/rpc.log" || true
    done ) & PIDS+=($!)
fi

sleep 30
samples=()
elapsed=0
while [ "$elapsed" -le "$SOAK_SECONDS" ]; do
  samples+=("$(sample "$elapsed")")
  echo "t=${elapsed}s heap_MiB threads fds: ${samples[-1]#* }" >&2
  sleep "$SAMPLE_SECONDS"
  elapsed=$((elapsed + SAMPLE_SECONDS))
done

read -r _ heap0 threads0 fds0 <<<"${samples[0]}"
read -r t1 heap1 threads1 fds1 <<<"${samples[-1]}"
echo
echo "| after ${t1} s of load | live heap (MiB) | live threads | open file descriptors |"
echo "|---|---|---|---|"
echo "| start | $heap0 | $threads0 | $fds0 |"
echo "| end | $heap1 | $threads1 | $fds1 |"
awk -v a="$heap0" -v b="$heap1" -v c="$threads0" -v d="$threads1" -v e="$fds0" -v f="$fds1" \
  'BEGIN { printf "| change | %+.1f | %+d | %+d |\n", b - a, d - c, f - e }'
for driver in ws rpc; do
  if [ -s "$LOGS/$driver.log" ]; then
    echo "$driver driver: $(wc -l <"$LOGS/$driver.log") runs of 20 s; last: $(tail -n 1 "$LOGS/$driver.log")"
  else
    echo "$driver driver: no completed run"
  fi
done
