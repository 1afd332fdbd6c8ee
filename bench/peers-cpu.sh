#!/usr/bin/env bash
# What one GET /hello costs the server, hello beside the peers of bench/peers.sh: its user and
# system CPU per request (microseconds), its context switches per request, and how many of its
# threads did the work. Each starts fresh, gets WARM_S of untimed load on /hello, then 10 s of
# `wrk -t2 -c64` measured from /proc/PID (stat, and status of every thread). One at a time.
#
#   BENCH_HARNESS=/path/to/harness bench/peers-cpu.sh     (bench/peers-cpu.sh --help prints this)
#
# hello runs as deployed (the production layout, hello.env's settings, the units' scheduling
# policy, the prod profile) on 127.0.0.1:18010; the peers as the harness's serve.sh starts them.
# docs/performance.md#where-the-time-goes
#
# Environment:
#   BENCH_HARNESS  the comparison harness's directory (serve.sh, stop.sh, anchors/): required
#   JDK            17 (default) or 25: the JDK of hello, Quarkus and Micronaut; Helidon SE
#                  always runs on JDK25_HOME
#   JDK17_HOME     default /usr/lib/jvm/java-17-openjdk-amd64
#   JDK25_HOME     default /usr/lib/jvm/temurin-25-jdk-amd64
#   ANCHORS        default "quarkus micronaut helidon-se"
#   WARM_S         untimed load before the measurement (default 45)
#   SKIP_BUILD=1   use target/production as it is (built for the JDK chosen)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_args "$@"
harness=${BENCH_HARNESS:?"set BENCH_HARNESS to the comparison harness's directory (see --help)"}
[[ -x $harness/serve.sh && -x $harness/stop.sh ]] || {
  echo "$bench_name: no serve.sh and stop.sh in $harness" >&2
  exit 1
}
bench_peer_jdks
bench_need java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless wrk:wrk curl:curl chrt:util-linux
bench_ports_free 18010 18006 18007 18008
bench_settings
bench_init peers-cpu
bench_build
warm_s=${WARM_S:-45}
ticks_per_s=$(getconf CLK_TCK)

# thread_table PID: one line per thread: its id, its CPU ticks, its context switches.
thread_table() {
  local task user sys
  for task in /proc/"$1"/task/*; do
    read -r user sys < <(bench_cpu_ticks "$1/task/${task##*/}" 2> /dev/null) || continue
    echo "${task##*/} $((user + sys)) $(awk '/ctxt_switches/ {n += $2} END {print n + 0}' "$task/status" 2> /dev/null)"
  done
}

# measure NAME PID URL: prints one table row.
measure() {
  local name=$1 pid=$2 url=$3 before after user0 sys0 user1 sys1 out requests
  wrk -t2 -c64 -d"${warm_s}s" "$url" > /dev/null
  before=$(thread_table "$pid")
  read -r user0 sys0 <<< "$(bench_cpu_ticks "$pid")"
  out=$(wrk -t2 -c64 -d10s "$url")
  read -r user1 sys1 <<< "$(bench_cpu_ticks "$pid")"
  after=$(thread_table "$pid")
  requests=$(bench_wrk_total "$out")
  # Threads that did at least 2 % of the process's CPU during the measurement.
  awk -v name="$name" -v n="$requests" -v hz="$ticks_per_s" -v rps="$(bench_wrk_rps "$out")" \
    -v u=$((user1 - user0)) -v s=$((sys1 - sys0)) '
    NR == FNR { cpu0[$1] = $2; cs0[$1] = $3; next }
    { d = $2 - cpu0[$1]; cpu[$1] = d; total += d; cs += $3 - cs0[$1] }
    END {
      for (t in cpu) if (total > 0 && cpu[t] >= total * 0.02) busy++
      printf "| %s | %d | %.0f | %.0f | %.2f | %d |\n", name, rps, u * 1e6 / hz / n, s * 1e6 / hz / n, cs / n, busy
    }' <(echo "$before") <(echo "$after")
}

echo "hello: $(bench_setup), warm $warm_s s, then wrk -t2 -c64 10 s on /hello" >&2
echo "| server | requests/s | user µs per request | system µs per request | context switches per request | threads doing the work |"
echo "|---|--:|--:|--:|--:|--:|"
bench_start_service http://127.0.0.1:18010/hello --server.bind=127.0.0.1:18010
measure "hello (JDK ${JDK:-17})" "$bench_service_pid" http://127.0.0.1:18010/hello
bench_stop "$bench_service_pid"

# hello.env's settings are hello's alone: the peers start without them, as they ship, with
# JAVA_HOME the JDK chosen (the harness's serve.sh runs Helidon SE on JDK25_HOME all the same).
bench_peer_env
for anchor in ${ANCHORS:-quarkus micronaut helidon-se}; do
  line=$(env "${bench_peer_env_unset[@]}" JAVA_HOME="$JAVA_HOME" JDK25_HOME="$bench_jdk25" "$harness/serve.sh" "$anchor")
  pid=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<< "$line")
  url=$(sed -n 's/.*url=\([^ ]*\).*/\1/p' <<< "$line")
  bench_track "$pid"
  label="$anchor (JDK ${JDK:-17})"
  [[ $anchor != helidon-se ]] || label="$anchor (JDK 25)"
  measure "$label" "$pid" "$url"
  "$harness/stop.sh" "$anchor" > /dev/null
  bench_untrack "$pid"
done
