#!/usr/bin/env bash
# Server CPU time per request of the middleware against the Jetty handler that does the same job:
# StaticFiles vs Jetty's ResourceHandler (a 4 KiB and a 1 MiB file) and Compression.gzip() vs the
# jetty-compression CompressionHandler (a 16 KiB JSON body), each pair in the same run; and the
# request log plus metrics (hello through a router) against the same server without them.
#
#   benchmarks/middleware-cpu.sh                  # every scenario, 5 rounds of 8 s
#   ROUNDS=3 DURATION=5 benchmarks/middleware-cpu.sh static-4KiB
#   B_JAR=old/jetring-benchmarks.jar benchmarks/middleware-cpu.sh build-hello-sync build-stream-64MiB
#                                                 # this build (A) against another build (B)
#
# CPU per request is steadier than req/s on a shared 2-core machine: the server's utime+stime from
# /proc/PID/stat before and after a fixed wrk load, divided by the requests served. Servers run on
# core 0, wrk on core 1; both servers of a pair are warmed up, then measured alternately (A B, B A,
# ...). The table shows medians, min-max and the ratio jetring / Jetty of the medians.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
JAVA=${JAVA:-java}
JAR=benchmarks/target/jetring-benchmarks.jar
# B_JAR=other.jar runs side B from another build (an earlier commit's, say): the build-* scenarios
# then compare one server of this build with the same server of that one.
B_JAR=${B_JAR:-$JAR}
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}

# name | A (jetring) | B (Jetty) | path | wrk arguments | Accept-Encoding sent (none: no header)
SCENARIOS=(
  "static-4KiB|jetring-static|jetty-resource|/4k.bin|-t1 -c64|none"
  "static-1MiB|jetring-static|jetty-resource|/1m.bin|-t1 -c16|none"
  "gzip-json-16KiB|jetring-gzip|jetty-gzip|/data.json|-t1 -c64|gzip"
  "hello-log+metrics|jetring-hello-observed|jetring-hello-route|/|-t1 -c64|none"
  "hello-metrics|jetring-hello-metrics|jetring-hello-route|/|-t1 -c64|none"
  "hello-log|jetring-hello-log|jetring-hello-route|/|-t1 -c64|none"
  "hello-log-disabled+metrics|jetring-hello-log-disabled|jetring-hello-route|/|-t1 -c64|none"
  "hello-buffered-log+metrics|jetring-hello-buffered-log|jetring-hello-route|/|-t1 -c64|none"
  "build-hello-sync|jetring-sync|jetring-sync|/hello|-t1 -c64|none"
  "build-hello-async|jetring-async|jetring-async|/hello|-t1 -c64|none"
  "build-stream-64MiB|jetring-stream|jetring-stream|/stream|-t1 -c4|none"
)

for tool in wrk taskset curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install wrk util-linux curl)" >&2; exit 2; }
done
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
fi

# shellcheck source=benchmarks/cpu-lib.sh
. benchmarks/cpu-lib.sh

# start NAME [JAR] -> a server of the benchmarks jar; sets STARTED_PORT and STARTED_PID once it is ready
start() {
  # shellcheck disable=SC2086
  start_command "$1" "$JAVA" $JVM_OPTS -jar "${2:-$JAR}" server "$1" 0
}

# cpu PID URL SECONDS WRK_ARGS... -> prints microseconds of server CPU per request
cpu() {
  local pid=$1 url=$2 secs=$3 clk t0 t1 out reqs non2xx
  shift 3
  local headers=()
  [ "$ENCODING" != none ] && headers=(-H "Accept-Encoding: $ENCODING")
  clk=$(getconf CLK_TCK)
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  out=$(taskset -c "$LOAD_CPU" wrk "$@" "${headers[@]}" -d"${secs}s" "$url" 2>&1)
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  reqs=$(awk '/requests in/{print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  if [ -n "$non2xx" ] || [ -z "$reqs" ] || [ "$reqs" = 0 ]; then
    echo "bad run against $url: $out" >&2
    exit 1
  fi
  awk -v r="$reqs" -v d=$((t1 - t0)) -v c="$clk" -v s="$secs" \
    'BEGIN { printf "%.2f\n", d * 1e6 / c / r; printf "   %.0f req/s\n", r / s > "/dev/stderr" }'
}

# check NAME PORT PATH: one request, to see both servers answer the same thing
check() {
  local headers=()
  [ "$ENCODING" != none ] && headers=(-H "Accept-Encoding: $ENCODING")
  curl -s -o /dev/null -D /tmp/middleware-cpu-head.$$ "${headers[@]}" \
    -w "   $1: %{http_code} %{size_download} bytes, %{content_type}" "http://127.0.0.1:$2$3" >&2
  echo ", Content-Encoding: $(awk -F': ' 'tolower($1)=="content-encoding"{gsub("\r",""); print $2}' /tmp/middleware-cpu-head.$$)" >&2
  rm -f /tmp/middleware-cpu-head.$$
}

selected=("$@")
rows=()
for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name a b path args ENCODING <<<"$scenario"
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then
    continue
  fi
  echo "== $name: $a vs $b (wrk $args, $ROUNDS x ${DURATION}s)" >&2
  start "$a"; port_a=$STARTED_PORT; pid_a=$STARTED_PID
  start "$b" "$B_JAR"; port_b=$STARTED_PORT; pid_b=$STARTED_PID
  check "$a" "$port_a" "$path"
  check "$b" "$port_b" "$path"
  # shellcheck disable=SC2086
  for _ in 1 2; do
    cpu "$pid_a" "http://127.0.0.1:$port_a$path" "$WARMUP" $args >/dev/null 2>&1
    cpu "$pid_b" "http://127.0.0.1:$port_b$path" "$WARMUP" $args >/dev/null 2>&1
  done
  results_a=()
  results_b=()
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="a b"; else order="b a"; fi
    for side in $order; do
      # shellcheck disable=SC2086
      if [ "$side" = a ]; then
        v=$(cpu "$pid_a" "http://127.0.0.1:$port_a$path" "$DURATION" $args); results_a+=("$v")
      else
        v=$(cpu "$pid_b" "http://127.0.0.1:$port_b$path" "$DURATION" $args); results_b+=("$v")
      fi
      echo "   round $round $side: $v us/request" >&2
    done
  done
  cleanup
  PIDS=()
  read -r med_a min_a max_a < <(printf '%s\n' "${results_a[@]}" | stats)
  read -r med_b min_b max_b < <(printf '%s\n' "${results_b[@]}" | stats)
  ratio=$(awk -v a="$med_a" -v b="$med_b" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
  rows+=("| $name | $a | $med_a ($min_a–$max_a) | $b | $med_b ($min_b–$max_b) | $ratio |")
done

echo
echo "| scenario | jetring | CPU µs/request, median (min–max) | Jetty | CPU µs/request, median (min–max) | jetring / Jetty |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
