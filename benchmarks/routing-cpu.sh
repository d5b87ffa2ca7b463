#!/usr/bin/env bash
# Server CPU time per request of routing: the GitHub API table (203 routes) in a jetring Router,
# the same handler unrouted, and Javalin 7 routing the same table, in the same run. The load hits
# GET /repos/{owner}/{repo}/pulls/{number}/comments, three parameters deep in the table.
#
#   benchmarks/routing-cpu.sh                 # 5 rounds of 8 s
#   ROUNDS=3 DURATION=5 benchmarks/routing-cpu.sh
#
# CPU per request (utime+stime from /proc/PID/stat around a fixed wrk load, divided by the requests
# served) is steadier than req/s on a shared 2-core machine. Servers run on core 0, wrk on core 1;
# all three are warmed up, then measured in turn with the order rotated each round. The table
# shows medians, min-max and each ratio to the unrouted server. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-4}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
JAVA=${JAVA:-java}
JAR=benchmarks/target/jetring-benchmarks.jar
PEER=benchmarks/javalin-peer
TABLE=benchmarks/src/main/resources/routes/github-api-routes.tsv
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}
URL_PATH=/repos/jetring/jetring/pulls/42/comments
WRK_ARGS=(-t1 -c64)

for tool in wrk taskset curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install wrk util-linux curl)" >&2; exit 2; }
done
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
  mvn -B -q -f "$PEER/pom.xml" package
fi

# shellcheck source=benchmarks/cpu-lib.sh
. benchmarks/cpu-lib.sh

# cpu PID PORT SECONDS -> prints microseconds of server CPU per request
cpu() {
  local pid=$1 port=$2 secs=$3 clk t0 t1 out reqs non2xx
  clk=$(getconf CLK_TCK)
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  out=$(taskset -c "$LOAD_CPU" wrk "${WRK_ARGS[@]}" -d"${secs}s" "http://127.0.0.1:$port$URL_PATH" 2>&1)
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  reqs=$(awk '/requests in/{print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  if [ -n "$non2xx" ] || [ -z "$reqs" ] || [ "$reqs" = 0 ]; then
    echo "bad run against port $port: $out" >&2
    exit 1
  fi
  awk -v r="$reqs" -v d=$((t1 - t0)) -v c="$clk" -v s="$secs" \
    'BEGIN { printf "%.2f %.0f\n", d * 1e6 / c / r, r / s }'
}

# shellcheck disable=SC2086
start_command jetring-unrouted "$JAVA" $JVM_OPTS -jar "$JAR" server jetring-unrouted 0; port_u=$STARTED_PORT; pid_u=$STARTED_PID
# shellcheck disable=SC2086
start_command jetring-routed "$JAVA" $JVM_OPTS -jar "$JAR" server jetring-routed 0; port_r=$STARTED_PORT; pid_r=$STARTED_PID
# shellcheck disable=SC2086
start_command javalin "$JAVA" $JVM_OPTS -cp "$PEER/target/classes:$(cat "$PEER/target/classpath.txt")" \
  io.jetring.bench.javalin.JavalinPeer "$TABLE" 0; port_j=$STARTED_PORT; pid_j=$STARTED_PID
names=(unrouted routed javalin)
ports=("$port_u" "$port_r" "$port_j")
pids=("$pid_u" "$pid_r" "$pid_j")
for i in 0 1 2; do
  curl -s -o /dev/null -w "   ${names[$i]}: %{http_code} %{size_download} bytes\n" "http://127.0.0.1:${ports[$i]}$URL_PATH" >&2
done
for _ in 1 2; do
  for i in 0 1 2; do cpu "${pids[$i]}" "${ports[$i]}" "$WARMUP" >/dev/null; done
done
declare -A cpus rates
for round in $(seq 1 "$ROUNDS"); do
  for k in 0 1 2; do
    i=$(( (k + round) % 3 ))
    read -r c r < <(cpu "${pids[$i]}" "${ports[$i]}" "$DURATION")
    cpus[$i]="${cpus[$i]:-} $c"
    rates[$i]="${rates[$i]:-} $r"
    echo "   round $round ${names[$i]}: $c us/request, $r req/s" >&2
  done
done

read -r base _ _ < <(printf '%s\n' ${cpus[0]} | stats)
echo
echo "| server | CPU µs/request, median (min–max) | req/s, median | CPU / unrouted |"
echo "|---|---|---|---|"
for i in 0 1 2; do
  read -r med min max < <(printf '%s\n' ${cpus[$i]} | stats)
  read -r rate _ _ < <(printf '%s\n' ${rates[$i]} | stats)
  ratio=$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  echo "| ${names[$i]} | $med ($min–$max) | $rate | $ratio |"
done
