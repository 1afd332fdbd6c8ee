#!/usr/bin/env bash
# nginx → Unix socket against nginx → TCP: requests/s, p50 and p99 of one path through nginx,
# with the shipped sites hello.conf (socket) and hello-tcp.conf (TCP), which differ only in
# their upstream. One fresh service and nginx per route and round, as each would be deployed;
# the order alternates between rounds. Prints a line per run, then each route's mean and the
# socket's difference from TCP.
#
#   bench/benchmark-unix-vs-tcp.sh     (bench/benchmark-unix-vs-tcp.sh --help prints this)
#
# It builds the production layout (./mvnw -Pproduction package) and starts it as the systemd
# units do: deploy/systemd/hello.env's settings, deploy/systemd/hello.service's scheduling
# policy, the prod profile, on 127.0.0.1:18010 or a Unix socket. A private nginx, by default
# worker_processes auto as Debian ships it, listens on 127.0.0.1:18080 (HTTPS :18443).
#
# Needs: a JDK (java, and javac to build), wrk, nginx, curl, openssl, chrt; on Debian
#   sudo apt-get install -y openjdk-17-jdk-headless wrk nginx curl openssl util-linux
# and ports 18010, 18080 and 18443 free. Everything listens on 127.0.0.1 or in a temporary
# directory, and everything it starts is stopped by PID on exit.
#
# Environment:
#   JAVA_HOME      the JDK to build and run with (default: java on PATH)
#   SKIP_BUILD=1   use target/production as it is
#   ROUNDS         rounds, each measuring both routes (default 4)
#   URL_PATH       the path measured (default /hello)
#   WARMUP_S       untimed load before each measurement (default 40: the JIT takes about half a
#                  minute to settle, and a fresh service starts cold)
#   DURATION_S     measured load per run (default 10)
#   CONNECTIONS    wrk connections (default 64); THREADS: wrk threads (default 2)
#   NGINX_WORKERS  nginx's worker_processes (default auto; 1 for a single worker)
#   JAVA_OPTS      the JVM options (default: hello.env's; its other settings apply too)
#   SCHED_POLICY   chrt policy (default: the units' CPUSchedulingPolicy)
#   KEEP_WORK=1    keep the temporary directory (logs, rendered nginx configuration)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_args "$@"
bench_need java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless wrk:wrk nginx:nginx curl:curl \
  openssl:openssl chrt:util-linux
bench_ports_free 18010 18080 18443
bench_settings
rounds=${ROUNDS:-4}
path=${URL_PATH:-/hello}
warmup=${WARMUP_S:-40}
duration=${DURATION_S:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
workers=${NGINX_WORKERS:-auto}

bench_init unix-vs-tcp
bench_build
socket=$bench_work/hello.sock
url=http://127.0.0.1:18080$path
bench_render_site hello-tcp.conf 18080 18443 127.0.0.1:8080 127.0.0.1:18010 > "$bench_work/site-tcp.conf"
bench_render_site hello.conf 18080 18443 /run/hello/hello.sock "$socket" > "$bench_work/site-unix.conf"

echo "hello unix vs tcp: $(bench_setup), nginx worker_processes $workers, GET $path," \
  "wrk -t$threads -c$connections, ${duration} s after ${warmup} s of warm-up"
declare -A sums=([tcp]=0 [unix]=0)
for round in $(seq "$rounds"); do
  order="tcp unix"
  if (( round % 2 == 0 )); then
    order="unix tcp"
  fi
  for kind in $order; do
    if [[ $kind == tcp ]]; then
      bench_start_service http://127.0.0.1:18010/hello --server.bind=127.0.0.1:18010
    else
      bench_start_service "--unix-socket $socket http://localhost/hello" "--server.bind=unix:$socket"
    fi
    bench_start_nginx "$bench_work/site-$kind.conf" "$workers" "" http://127.0.0.1:18080/hello
    wrk -t"$threads" -c"$connections" -d"${warmup}s" "$url" > /dev/null
    out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url")
    rps=$(bench_wrk_rps "$out")
    sums[$kind]=$(( sums[$kind] + rps ))
    echo "round $round $kind: $rps requests/s, p50 $(bench_wrk_percentile "$out" 50%)," \
      "p99 $(bench_wrk_percentile "$out" 99%), errors $(bench_wrk_errors "$out")"
    bench_stop "$bench_nginx_pid"
    bench_stop "$bench_service_pid"
  done
done
tcp=$(( sums[tcp] / rounds )) unix=$(( sums[unix] / rounds ))
echo "mean over $rounds rounds: tcp $tcp requests/s, unix $unix requests/s," \
  "socket $(awk -v t="$tcp" -v u="$unix" 'BEGIN {printf "%+.1f", (u - t) * 100 / t}') % against TCP"
