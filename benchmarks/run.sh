#!/usr/bin/env bash
# Load benchmarks: each jetring server against its bare Jetty baseline, in the same run.
#
#   benchmarks/run.sh                 # every scenario, 5 rounds of 10 s
#   ROUNDS=3 DURATION=5 benchmarks/run.sh hello-sync stream
#
# Servers are pinned to core 0 and the load tool to core 1 (taskset). Both servers of a pair run
# side by side, are warmed up, then measured alternately (A B, B A, ...) so that drift in the
# machine hits both. The table shows medians, min-max and the ratio jetring / bare of the medians.
# For the WebSocket and RPC scenarios it adds the server's CPU time per message or round trip
# (utime + stime of the server process over each measured period, read by the load driver).
# Run it on a quiet machine: anything else on the two cores skews the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
JAVA=${JAVA:-java}
JAR=benchmarks/target/jetring-benchmarks.jar
# SERVER_JAR=other.jar runs the servers from another build (an earlier commit's, say) under this
# build's load drivers: the server CPU columns then compare the two builds' servers.
SERVER_JAR=${SERVER_JAR:-$JAR}
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}

# name | tool | A (jetring) | B (baseline) | path | tool arguments | metric
# For the client scenarios A and B are client kinds, both run against the server named in the path field.
SCENARIOS=(
  "hello-sync|wrk|jetring-sync|bare-core-pool|/hello|-t1 -c64|req/s"
  "hello-sync-vs-servlet|wrk|jetring-sync|bare-servlet|/hello|-t1 -c64|req/s"
  "hello-async|wrk|jetring-async|bare-core-io|/hello|-t1 -c64|req/s"
  "stream-64MiB|wrk|jetring-stream|bare-stream|/stream|-t1 -c4|MiB/s"
  "hello-sync-h2c|h2load|jetring-sync|bare-core-pool|/hello|-c16 -m16 -t1|req/s"
  "ws-echo-32B|ws-load|jetring-ws-echo|bare-ws-echo|/|64 16 32|msg/s"
  "ws-echo-4KiB|ws-load|jetring-ws-echo|bare-ws-echo|/|64 16 4096|msg/s"
  "rpc-vs-ws-echo|rpc-load|jetring-rpc-echo|jetring-ws-echo|/|16 16 64|rt/s"
  "rpc-blocking-vs-ws-echo|rpc-load|jetring-rpc-echo-blocking|jetring-ws-echo|/|16 16 64|rt/s"
  "rpc-vthreads-vs-ws-echo|rpc-load|jetring-rpc-echo-vthreads|jetring-ws-echo|/|16 16 64|rt/s"
  "client-vs-jetty|client-load|jetring|jetty|bare-core-io|64|req/s"
  "client-vs-jdk|client-load|jetring|jdk|bare-core-io|64|req/s"
)

need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "installing $2 ..." >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
need wrk wrk
need h2load nghttp2-client
need taskset util-linux

if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
fi

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# start NAME -> sets STARTED_PORT once the server is ready (not in a subshell: PIDS must see the pid)
start() {
  local log
  log=$(mktemp)
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" "$JAVA" $JVM_OPTS -jar "$SERVER_JAR" server "$1" 0 >"$log" 2>&1 &
  PIDS+=($!)
  STARTED_PID=$!
  for _ in $(seq 1 300); do
    if grep -q '^ready ' "$log"; then
      STARTED_PORT=$(awk '/^ready /{print $4; exit}' "$log")
      return
    fi
    sleep 0.1
  done
  echo "server $1 did not start:" >&2
  cat "$log" >&2
  exit 1
}

# measure TOOL PORT PATH ARGS SECONDS METRIC CLIENT PID -> prints one number, and for ws-load and
# rpc-load a second one: the server's CPU microseconds per message or round trip
measure() {
  local tool=$1 port=$2 path=$3 args=$4 seconds=$5 metric=$6 client=${7:-} pid=${8:-} out
  local cpu="-Dserver.pid=$pid -Dserver.clk_tck=$(getconf CLK_TCK)"
  if [ "$tool" = ws-load ]; then
    # shellcheck disable=SC2086
    out=$(taskset -c "$LOAD_CPU" "$JAVA" $JVM_OPTS $cpu -jar "$JAR" ws-load "ws://127.0.0.1:$port$path" $args 3 "$seconds")
    echo "$out" | awk '/^messages\/s/{printf "%.0f %s\n", $2, $8; print "   latency p50 " $4 " us, p99 " $6 " us, server CPU " $8 " us per message" > "/dev/stderr"}'
  elif [ "$tool" = rpc-load ]; then
    local mode=$client
    # shellcheck disable=SC2086
    out=$(taskset -c "$LOAD_CPU" "$JAVA" $JVM_OPTS $cpu -jar "$JAR" rpc-load "$mode" "ws://127.0.0.1:$port$path" $args 3 "$seconds")
    echo "$out" | awk '/^roundtrips\/s/{printf "%.0f %s\n", $2, $8; print "   latency p50 " $4 " us, p99 " $6 " us, server CPU " $8 " us per round trip" > "/dev/stderr"}'
  elif [ "$tool" = client-load ]; then
    out=$(taskset -c "$LOAD_CPU" "$JAVA" $JVM_OPTS -jar "$JAR" client-load "$client" "http://127.0.0.1:$port/hello" $args 3 "$seconds")
    echo "$out" | awk '/^requests\/s/{printf "%.0f\n", $2}'
  elif [ "$tool" = wrk ]; then
    out=$(taskset -c "$LOAD_CPU" wrk $args -d"${seconds}s" "http://127.0.0.1:$port$path")
    if [ "$metric" = "MiB/s" ]; then
      echo "$out" | awk '/^Transfer\/sec:/{v=$2; u=substr(v, length(v)-1); n=substr(v, 1, length(v)-2);
        if (u=="GB") n*=1024; else if (u=="KB") n/=1024; else if (u!="MB") n=0; printf "%.1f\n", n}'
    else
      echo "$out" | awk '/^Requests\/sec:/{printf "%.0f\n", $2}'
    fi
  else
    out=$(taskset -c "$LOAD_CPU" h2load $args -D "$seconds" "http://127.0.0.1:$port$path" 2>&1)
    echo "$out" | awk '/^finished in/{gsub(",", "", $4); printf "%.0f\n", $4}'
  fi
}

stats() { # numbers on stdin -> "median min max"
  sort -g | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%s %s %s\n", m, v[1], v[NR]}'
}

selected=("$@")
rows=()
for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name tool a b path args metric <<<"$scenario"
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then
    continue
  fi
  echo "== $name: $a vs $b ($tool $args, $ROUNDS x ${DURATION}s)" >&2
  client_a="" client_b=""
  if [ "$tool" = rpc-load ]; then
    client_a=rpc client_b=raw
  fi
  if [ "$tool" = client-load ]; then
    client_a=$a client_b=$b
    start "$path"
    port_a=$STARTED_PORT pid_a=$STARTED_PID
    port_b=$port_a pid_b=$pid_a
    path=/hello
  else
    start "$a"
    port_a=$STARTED_PORT pid_a=$STARTED_PID
    start "$b"
    port_b=$STARTED_PORT pid_b=$STARTED_PID
  fi
  measure "$tool" "$port_a" "$path" "$args" "$WARMUP" "$metric" "$client_a" "$pid_a" >/dev/null
  measure "$tool" "$port_b" "$path" "$args" "$WARMUP" "$metric" "$client_b" "$pid_b" >/dev/null
  results_a=() results_b=() cpu_a=() cpu_b=()
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="a b"; else order="b a"; fi
    for side in $order; do
      if [ "$side" = a ]; then
        read -r v c < <(measure "$tool" "$port_a" "$path" "$args" "$DURATION" "$metric" "$client_a" "$pid_a")
        results_a+=("$v"); [ -n "${c:-}" ] && cpu_a+=("$c")
      else
        read -r v c < <(measure "$tool" "$port_b" "$path" "$args" "$DURATION" "$metric" "$client_b" "$pid_b")
        results_b+=("$v"); [ -n "${c:-}" ] && cpu_b+=("$c")
      fi
      echo "   round $round $side: $v $metric${c:+, server CPU $c us each}" >&2
    done
  done
  cleanup
  PIDS=()
  read -r med_a min_a max_a < <(printf '%s\n' "${results_a[@]}" | stats)
  read -r med_b min_b max_b < <(printf '%s\n' "${results_b[@]}" | stats)
  ratio=$(awk -v a="$med_a" -v b="$med_b" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
  rows+=("| $name | $a | $med_a ($min_a–$max_a) | $b | $med_b ($min_b–$max_b) | $metric | $ratio |")
  if [ ${#cpu_a[@]} -gt 0 ] && [ ${#cpu_b[@]} -gt 0 ]; then
    read -r med_a min_a max_a < <(printf '%s\n' "${cpu_a[@]}" | stats)
    read -r med_b min_b max_b < <(printf '%s\n' "${cpu_b[@]}" | stats)
    ratio=$(awk -v a="$med_a" -v b="$med_b" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    rows+=("| $name, server CPU | $a | $med_a ($min_a–$max_a) | $b | $med_b ($min_b–$max_b) | µs per ${metric%/s} | $ratio |")
  fi
done

echo
echo "| scenario | jetring | median (min–max) | bare Jetty | median (min–max) | unit | jetring ÷ bare |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
