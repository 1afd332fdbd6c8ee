#!/usr/bin/env bash
# How hello gets fast after a start: requests/s, the service's CPU per request (user and
# system, in microseconds) and its JIT compilers' share of a core, in 5 s windows of wrk load from the first 200 on, on the timeline the
# comparison with the peers uses: 15 s of GET /hello, 15 s of GET /about, then GET /hello again.
#
#   bench/warm-up.sh            (bench/warm-up.sh --help prints this)
#
# It builds the production layout and starts it as the units do (bench/benchmark.sh says how),
# listening on 127.0.0.1:18010 only. docs/performance.md#where-the-time-goes
#
# Environment:
#   JAVA_HOME     the JDK to build and run with (default: java on PATH)
#   SKIP_BUILD=1  use target/production as it is
#   WINDOWS       windows of GET /hello after GET /about (default 9)
#   JAVA_OPTS     the JVM options (default: hello.env's; its other settings apply too)
#   SCHED_POLICY  chrt policy (default: the units' CPUSchedulingPolicy)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_args "$@"
bench_need java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless wrk:wrk curl:curl chrt:util-linux
bench_ports_free 18010
bench_settings
bench_init warm-up
bench_build
bench_start_service http://127.0.0.1:18010/hello --server.bind=127.0.0.1:18010
echo "hello warm-up: $(bench_setup), wrk -t2 -c64, start-up $bench_startup_ms ms" >&2

ticks_per_s=$(getconf CLK_TCK)

echo "| seconds after start-up | path | requests/s | CPU µs per request (user + system) | JIT compilers, % of a core |"
echo "|--:|---|--:|--:|--:|"
paths=(/hello /hello /hello /about /about /about)
for (( i = 0; i < ${WINDOWS:-9}; i++ )); do paths+=(/hello); done
for i in "${!paths[@]}"; do
  read -r user0 sys0 < <(bench_cpu_ticks "$bench_service_pid")
  jit0=$(bench_jit_ticks "$bench_service_pid")
  out=$(wrk -t2 -c64 -d5s "http://127.0.0.1:18010${paths[i]}")
  read -r user1 sys1 < <(bench_cpu_ticks "$bench_service_pid")
  jit1=$(bench_jit_ticks "$bench_service_pid")
  requests=$(bench_wrk_total "$out")
  awk -v from=$((i * 5)) -v path="${paths[i]}" -v n="$requests" -v rps="$(bench_wrk_rps "$out")" \
    -v u=$((user1 - user0)) -v s=$((sys1 - sys0)) -v jit=$((jit1 - jit0)) -v hz="$ticks_per_s" \
    'BEGIN { printf "| %d–%d | `%s` | %d | %.0f + %.0f | %.0f |\n", from, from + 5, path, rps,
      u * 1e6 / hz / n, s * 1e6 / hz / n, jit * 100 / hz / 5 }'
done
