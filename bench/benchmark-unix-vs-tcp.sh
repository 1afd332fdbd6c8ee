#!/usr/bin/env bash
# Requests/s through nginx to hello over a Unix socket and over TCP, measured with the
# benchmark harness in ../shared/bench (wrk; private nginx from its proxy-unix and
# proxy-tcp templates, which differ only in proxy_pass). One fresh hello instance per
# path and round, as each would be deployed; the order alternates between rounds.
#
#   ./mvnw package && bench/benchmark-unix-vs-tcp.sh
#
# nginx runs worker_processes auto, one worker per core, as Debian's /etc/nginx/nginx.conf
# ships it; NGINX_WORKERS=1 gives the harness's own single-worker setting.
#
# Environment: ROUNDS (default 4), WARMUP_S (untimed load before measuring, default 40: the JIT
# needs about 30 s of this load to settle),
# URL_PATH (default /hello), JAR (default target/hello.jar), BENCH (default ../shared/bench),
# JAVA_HOME, JAVA_OPTS. Runs one load at a time; everything listens on 127.0.0.1 only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$(cd "${BENCH:-$root/../shared/bench}" && pwd)
jar=${JAR:-$root/target/hello.jar}
rounds=${ROUNDS:-4}
warmup=${WARMUP_S:-40}
path=${URL_PATH:-/hello}
export NGINX_WORKERS=${NGINX_WORKERS:-auto}
run_dir=${BENCH_RUN_DIR:-/tmp/bench-run}
socket=$run_dir/hello.sock
[[ -f $jar ]] || { echo "no $jar: run ./mvnw package first" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install -y wrk nginx)" >&2; exit 1; }
mkdir -p "$run_dir"
trap '"$bench/stop.sh" >/dev/null 2>&1 || true' EXIT
echo "nginx worker_processes $NGINX_WORKERS, warm-up ${warmup}s, GET $path, jar $jar"

for round in $(seq "$rounds"); do
  order="tcp unix"
  (( round % 2 == 0 )) && order="unix tcp"
  for kind in $order; do
    rm -f "$socket"
    if [[ $kind == tcp ]]; then
      HEALTH_PATH=/hello SERVE_ID=hello "$bench/serve.sh" jar "$jar" tcp 18010 -- \
        --spring.profiles.active=prod --server.bind=127.0.0.1:18010 >/dev/null
      NGINX_ID=nginx-front "$bench/nginx.sh" proxy-tcp 18080 18010 >/dev/null
    else
      # The harness polls readiness over TCP: port 18011 is for that probe only.
      # Mode 0666: the harness's nginx workers do not run in the service's group.
      HEALTH_PATH=/hello SERVE_ID=hello "$bench/serve.sh" jar "$jar" tcp 18011 -- \
        --spring.profiles.active=prod "--server.bind=unix:$socket,127.0.0.1:18011" \
        --server.unix-socket.mode=0666 >/dev/null
      NGINX_ID=nginx-front "$bench/nginx.sh" proxy-unix 18080 "$socket" >/dev/null
    fi
    pid=$(cat "$run_dir/pids/hello.pid")
    wrk -t2 -c64 -d"${warmup}s" "http://127.0.0.1:18080$path" >/dev/null
    echo "round $round $kind $(SERVER_PID=$pid "$bench/load.sh" "http://127.0.0.1:18080$path")"
    "$bench/stop.sh" >/dev/null
  done
done
