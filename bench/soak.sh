#!/usr/bin/env bash
# hello's load-and-soak run, as deployed: does the service stay error-free under heavy load, and
# does its memory stay flat over a million requests? Behind the shipped hello.conf site, on its
# Unix socket, in a private nginx (worker_processes auto):
#
# 1. Load: 256 connections (wrk -t2 -c256) for 60 s on GET /hello, then 60 s on GET /about;
#    every response must be a 2xx, with no socket error.
# 2. Soak: 1,000,000 requests, alternating GET /hello and GET /about (bench/soak.lua), in three
#    thirds (wrk -t2 -c64); the service's RSS is sampled every second, and the mean RSS of the
#    last third must be within 10 % of the first third's.
# It prints the figures and exits non-zero if either check fails.
#
#   bench/soak.sh                 (bench/soak.sh --help prints this)
#
# It builds the production layout (./mvnw -Pproduction package) and starts it as the systemd
# units do: deploy/systemd/hello.env's settings, deploy/systemd/hello.service's scheduling
# policy, the prod profile, its access log in files (which count the requests served).
#
# Needs: a JDK (java, and javac to build), wrk, nginx, curl, openssl, chrt; on Debian
#   sudo apt-get install -y openjdk-17-jdk-headless wrk nginx curl openssl util-linux
# and ports 18020, 18090 and 18453 free. Everything listens on 127.0.0.1 or in a temporary
# directory, and everything it starts is stopped by PID on exit.
#
# Environment:
#   JAVA_HOME     the JDK to build and run with (default: java on PATH)
#   SKIP_BUILD=1  use target/production as it is
#   LOAD_S        seconds of load on each path (default 60)
#   CONNECTIONS   connections of the load (default 256)
#   REQUESTS      requests of the soak (default 1000000)
#   JAVA_OPTS     the JVM options (default: hello.env's; its other settings apply too)
#   SCHED_POLICY  chrt policy (default: the units' CPUSchedulingPolicy)
#   KEEP_WORK=1   keep the temporary directory (logs, access log, RSS samples)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_args "$@"
bench_need java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless wrk:wrk nginx:nginx curl:curl \
  openssl:openssl chrt:util-linux
bench_ports_free 18020 18090 18453
bench_settings
load_s=${LOAD_S:-60}
connections=${CONNECTIONS:-256}
requests=${REQUESTS:-1000000}

bench_init soak
bench_build
socket=$bench_work/hello.sock
bench_start_service http://127.0.0.1:18020/hello "--server.bind=127.0.0.1:18020,unix:$socket" \
  "--hello.access-log.directory=$bench_work/access"

bench_render_site hello.conf 18090 18453 /run/hello/hello.sock "$socket" > "$bench_work/site.conf"
bench_start_nginx "$bench_work/site.conf" auto "worker_rlimit_nofile 8192;" \
  http://127.0.0.1:18090/hello http://127.0.0.1:18090/about
url=http://127.0.0.1:18090

echo "hello soak: $(bench_setup), nginx → socket"
failed=0
for path in /hello /about; do
  out=$(wrk -t2 -c"$connections" -d"${load_s}s" --latency "$url$path")
  errors=$(bench_wrk_errors "$out")
  echo "load: GET $path, $connections connections, ${load_s} s: $(bench_wrk_total "$out") requests," \
    "$(bench_wrk_rps "$out")/s, p99 $(bench_wrk_percentile "$out" 99%), errors $errors"
  (( errors == 0 )) || failed=1
done

per_third=$(( (requests + 2) / 3 ))
declare -a means
for third in 1 2 3; do
  (while kill -0 "$bench_service_pid" 2> /dev/null; do bench_rss_mib "$bench_service_pid"; echo; sleep 1; done) \
    > "$bench_work/rss-$third" &
  sampler_pid=$!
  bench_track "$sampler_pid"
  # wrk has no request count: each of its threads stops after its share (soak.lua), and wrk
  # itself is interrupted once the access log has the third's lines, or stops growing
  baseline=$(cat "$bench_work"/access/*.log 2> /dev/null | wc -l)
  SOAK_REQUESTS_PER_THREAD=$(( per_third / 2 )) wrk -t2 -c64 -d1h -s "$bench_root/bench/soak.lua" "$url" \
    > "$bench_work/wrk-$third" &
  wrk_pid=$!
  bench_track "$wrk_pid"
  target=$(( baseline + per_third )) last=-1 still=0
  while kill -0 "$wrk_pid" 2> /dev/null; do
    sleep 0.5
    lines=$(cat "$bench_work"/access/*.log 2> /dev/null | wc -l)
    if (( lines == last )); then still=$(( still + 1 )); else still=0; fi
    last=$lines
    if (( lines >= target - 2 || still >= 6 )); then kill -INT "$wrk_pid"; break; fi
  done
  wait "$wrk_pid" || true
  bench_untrack "$wrk_pid"
  out=$(cat "$bench_work/wrk-$third")
  bench_stop "$sampler_pid"
  errors=$(bench_wrk_errors "$out")
  means[third]=$(awk 'NF {s += $1; n++} END {printf "%d", s / n}' "$bench_work/rss-$third")
  range=$(sort -n "$bench_work/rss-$third" | awk 'NF {a[n++] = $1} END {print a[0] "–" a[n - 1]}')
  echo "soak third $third: $(bench_wrk_total "$out") requests, $(bench_wrk_rps "$out")/s, errors $errors," \
    "RSS mean ${means[third]} MiB (range $range)"
  (( errors == 0 )) || failed=1
done
change=$(awk -v a="${means[1]}" -v b="${means[3]}" 'BEGIN {printf "%+.1f", (b - a) * 100 / a}')
echo "RSS, last third against first: $change %"
awk -v c="$change" 'BEGIN {exit (c <= 10 && c >= -10) ? 0 : 1}' || failed=1
exit "$failed"
