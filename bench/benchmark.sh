#!/usr/bin/env bash
# hello's benchmark, as deployed: the production layout with the JVM options of
# deploy/systemd/hello.env and the units' scheduling policy, the prod profile with its access
# log, and the shipped nginx sites in front, on the socket (hello.conf) and on TCP
# (hello-tcp.conf).
#
#   bench/benchmark.sh
#
# It builds the layout (./mvnw -Pproduction package), starts the service listening on TCP
# 127.0.0.1:18010 and a Unix socket, renders both shipped sites into a private nginx
# (worker_processes auto, as Debian ships it) on 127.0.0.1:18080 (socket) and :18081 (TCP),
# warms each path up, then measures GET /hello and GET /about directly, through nginx to TCP
# and through nginx to the socket with wrk, and prints a markdown table with start-up to the
# first 200 and RSS after the load.
#
# Needs nginx, wrk and curl (sudo apt-get install -y nginx wrk curl). Everything listens on
# 127.0.0.1 or in a temporary directory, and everything it starts is stopped by PID on exit.
# Environment: JAVA_HOME (the JDK to build and run with), SKIP_BUILD=1 (use the layout in
# target/production as it is), WARMUP_S (untimed load on each path first, default 40 for the
# first, 20 for the others: the JIT needs about 30 s to settle), DURATION_S (default 10),
# CONNECTIONS (default 64), THREADS (wrk threads, default 2), JAVA_OPTS (default: hello.env's,
# whose other settings apply too, as under systemd), SCHED_POLICY (default: the units'
# CPUSchedulingPolicy, batch; other is Linux's default).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
layout=$root/target/production
warmup=${WARMUP_S:-40}
duration=${DURATION_S:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
for tool in wrk curl "$nginx_bin"; do
  command -v "$tool" >/dev/null || { echo "needs $tool: sudo apt-get install -y nginx wrk curl" >&2; exit 1; }
done
# The deployment's settings, as the systemd units read them: JAVA_OPTS, threads, access log.
java_opts=${JAVA_OPTS-}
set -a
# shellcheck source=systemd/hello.env
source "$root/deploy/systemd/hello.env"
set +a
JAVA_OPTS=${java_opts:-$JAVA_OPTS}
# The units' scheduling policy (CPUSchedulingPolicy), applied with chrt as systemd applies it.
policy=${SCHED_POLICY:-$(sed -n 's/^CPUSchedulingPolicy=//p' "$root/deploy/systemd/hello.service")}
launcher=(chrt "--$policy" 0)

work=$(mktemp -d /tmp/hello-benchmark.XXXXXX)
chmod 0755 "$work"   # nginx's workers must reach the socket inside
service_pid="" nginx_pid=""
cleanup() {
  local status=$?
  set +e   # a stopped process's wait status is no failure here
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [[ -n $service_pid ]] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  [[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

if [[ ${SKIP_BUILD:-} != 1 ]]; then
  echo "building the production layout ..." >&2
  (cd "$root" && ./mvnw -q -Pproduction package -DskipTests) >&2
fi
[[ -f $layout/jvm.args ]] || { echo "no $layout/jvm.args: run ./mvnw -Pproduction package" >&2; exit 1; }

for port in 18010 18080 18081 18443 18444; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: stop what listens there first" >&2
    exit 1
  fi
done
# As root, nginx's workers run as nobody:nogroup: give the socket that group.
group_arg=()
[[ $(id -u) == 0 ]] && group_arg=(--server.unix-socket.group=nogroup)
socket=$work/hello.sock
started=$(date +%s%N)
(cd "$layout" && read -r -a opts <<< "$JAVA_OPTS" \
  && exec "${launcher[@]}" "$java" @jvm.args "${opts[@]}" -jar hello.jar --spring.profiles.active=prod \
    "--server.bind=127.0.0.1:18010,unix:$socket" "${group_arg[@]}") > "$work/service.log" 2>&1 &
service_pid=$!
until curl -sf -o /dev/null http://127.0.0.1:18010/hello; do
  kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  (( ($(date +%s%N) - started) / 1000000000 < 120 )) || { echo "no answer within 120 s" >&2; exit 1; }
  sleep 0.02
done
startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))

# The shipped sites, with their listeners, certificate and paths moved into $work.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout "$work/key.pem" \
  -out "$work/cert.pem" 2>/dev/null
render() {  # render SITE HTTP_PORT HTTPS_PORT [FROM TO]
  sed -e "s|listen 80;|listen 127.0.0.1:$2;|; /listen \[::\]/d; s|listen 443 ssl;|listen 127.0.0.1:$3 ssl;|" \
    -e "s|upstream hello|upstream hello_$2|; s|proxy_pass http://hello;|proxy_pass http://hello_$2;|" \
    -e "s|/etc/ssl/certs/ssl-cert-snakeoil.pem|$work/cert.pem|; s|/etc/ssl/private/ssl-cert-snakeoil.key|$work/key.pem|" \
    -e "s|/var/log/nginx/|$work/nginx-|; s|/etc/nginx/snippets/|$root/nginx/snippets/|" \
    -e "s|${4:-@none@}|${5:-}|" "$root/nginx/sites-available/$1"
}
{
  render hello.conf 18080 18443 /run/hello/hello.sock "$socket"
  render hello-tcp.conf 18081 18444 127.0.0.1:8080 127.0.0.1:18010
} > "$work/sites.conf"
mkdir -p "$work/tmp"
cat > "$work/nginx.conf" <<EOF
$([[ $(id -u) == 0 ]] && echo "user nobody nogroup;")
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/tmp/client_body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $work/sites.conf;
}
EOF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' 2>> "$work/nginx-error.log" &
nginx_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:18081/hello && curl -sf -o /dev/null \
  http://127.0.0.1:18080/hello && break; sleep 0.05; done
curl -sf -o /dev/null http://127.0.0.1:18080/hello || { cat "$work/nginx-error.log" >&2; exit 1; }

declare -A routes=([direct]=18010 [nginx-tcp]=18081 [nginx-socket]=18080)
declare -A names=([direct]="direct (TCP)" [nginx-tcp]="nginx → TCP" [nginx-socket]="nginx → socket")
measure() {  # measure PATH ROUTE WARMUP -> "rps p50 p99 errors"
  local url=http://127.0.0.1:${routes[$2]}$1 out rps p50 p99 non2xx sockerr
  wrk -t"$threads" -c"$connections" -d"${3}s" "$url" > /dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url")
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$out")
  sockerr=$(grep -oE '(connect|read|write|timeout) [0-9]+' <<< "$out" | awk '{s += $2} END {print s + 0}')
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + sockerr ))"
}
echo "hello benchmark: $("$java" -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS $(cat "$layout/jvm.args"), \
threads io=$SERVER_UNDERTOW_THREADS_IO worker=$SERVER_UNDERTOW_THREADS_WORKER, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}, \
scheduling $policy, nginx \
$("$nginx_bin" -v 2>&1 | cut -d/ -f2) worker_processes auto, wrk -t$threads -c$connections, ${duration} s after \
warm-up, $(nproc) cores" >&2
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
rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$service_pid/status")

echo
echo "| path | route | requests/s | p50 | p99 | errors |"
echo "|---|---|--:|--:|--:|--:|"
printf '%s\n' "${rows[@]}"
echo
echo "Start-up, launch to first 200: $startup_ms ms. RSS after the load: $rss MiB."
