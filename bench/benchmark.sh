#!/usr/bin/env bash
# hello's benchmark, as deployed: requests/s, p50 and p99 of GET /hello and GET /about, each
# straight to the service on TCP, through nginx to TCP (hello-tcp.conf) and through nginx to
# the Unix socket (hello.conf); then start-up (launch to first 200) and RSS after the load,
# as a markdown table.
#
#   bench/benchmark.sh            (bench/benchmark.sh --help prints this)
#
# It builds the production layout (./mvnw -Pproduction package) and starts it as the systemd
# units do: deploy/systemd/hello.env's settings, deploy/systemd/hello.service's scheduling
# policy, the prod profile with its access log, listening on 127.0.0.1:18010 and a Unix socket.
# A private nginx (worker_processes auto, as Debian ships it) serves the shipped sites on
# 127.0.0.1:18080 (socket) and :18081 (TCP), with HTTPS on :18443 and :18444. Each path is
# warmed up with untimed load, then measured with wrk.
#
# Needs: a JDK (java, and javac to build), wrk, nginx, curl, openssl, chrt; on Debian
#   sudo apt-get install -y openjdk-17-jdk-headless wrk nginx curl openssl util-linux
# and ports 18010, 18080, 18081, 18443 and 18444 free. Everything listens on 127.0.0.1 or in a
# temporary directory, and everything it starts is stopped by PID on exit.
#
# Environment:
#   JAVA_HOME     the JDK to build and run with (default: java on PATH)
#   SKIP_BUILD=1  use target/production as it is
#   WARMUP_S      untimed load on each path first: default 40 for the first, 20 for the others
#                 (the JIT takes about half a minute to settle)
#   DURATION_S    measured load per path and route (default 10)
#   CONNECTIONS   wrk connections (default 64); THREADS: wrk threads (default 2)
#   JAVA_OPTS     the JVM options (default: hello.env's; its other settings apply too)
#   SCHED_POLICY  chrt policy (default: the units' CPUSchedulingPolicy, batch; other is Linux's)
#   KEEP_WORK=1   keep the temporary directory (logs, rendered nginx configuration)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_args "$@"
bench_need java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless wrk:wrk nginx:nginx curl:curl \
  openssl:openssl chrt:util-linux
bench_ports_free 18010 18080 18081 18443 18444
bench_settings
warmup=${WARMUP_S:-40}
duration=${DURATION_S:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}

bench_init benchmark
bench_build
socket=$bench_work/hello.sock
bench_start_service http://127.0.0.1:18010/hello "--server.bind=127.0.0.1:18010,unix:$socket"

{
  bench_render_site hello.conf 18080 18443 /run/hello/hello.sock "$socket"
  bench_render_site hello-tcp.conf 18081 18444 127.0.0.1:8080 127.0.0.1:18010
} > "$bench_work/sites.conf"
bench_start_nginx "$bench_work/sites.conf" auto "" http://127.0.0.1:18081/hello http://127.0.0.1:18080/hello

declare -A routes=([direct]=18010 [nginx-tcp]=18081 [nginx-socket]=18080)
declare -A names=([direct]="direct (TCP)" [nginx-tcp]="nginx → TCP" [nginx-socket]="nginx → socket")
measure() {  # measure PATH ROUTE WARMUP -> "rps p50 p99 errors"
  local url=http://127.0.0.1:${routes[$2]}$1 out
  wrk -t"$threads" -c"$connections" -d"${3}s" "$url" > /dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url")
  echo "$(bench_wrk_rps "$out") $(bench_wrk_percentile "$out" 50%) $(bench_wrk_percentile "$out" 99%)" \
    "$(bench_wrk_errors "$out")"
}
echo "hello benchmark: $(bench_setup), nginx worker_processes auto, wrk -t$threads -c$connections," \
  "${duration} s after warm-up" >&2
rows=()
first=$warmup
for path in /hello /about; do
  for route in direct nginx-tcp nginx-socket; do
    echo "  $path ${names[$route]} ..." >&2
    read -r rps p50 p99 errors <<< "$(measure "$path" "$route" "$first")"
    first=${WARMUP_S:-20}
    rows+=("| \`GET $path\` | ${names[$route]} | $rps | $p50 | $p99 | $errors |")
  done
done
rss=$(bench_rss_mib "$bench_service_pid")

echo
echo "| path | route | requests/s | p50 | p99 | errors |"
echo "|---|---|--:|--:|--:|--:|"
printf '%s\n' "${rows[@]}"
echo
echo "Start-up, launch to first 200: $bench_startup_ms ms. RSS after the load: $rss MiB."
