#!/usr/bin/env bash
# hello's load-and-soak run, as deployed: the production layout with deploy/systemd/hello.env's
# settings and the units' scheduling policy, the prod profile (access log on), behind the shipped
# hello.conf site on its Unix socket, in a private nginx (worker_processes auto).
#
#   bench/soak.sh
#
# 1. Load: 256 connections (wrk -t2 -c256) for 60 s on GET /hello, then 60 s on GET /about,
#    through nginx; every response must be a 2xx, with no socket error.
# 2. Soak: 1,000,000 requests, alternating GET /hello and GET /about, in three thirds of
#    333,334 (wrk -t2 -c64); the service's RSS is sampled every second, and the mean RSS of the
#    last third must be within 10 % of the first third's.
# It prints the figures and exits non-zero if either check fails.
#
# Needs nginx, wrk and curl. Everything listens on 127.0.0.1 or in a temporary directory, and
# everything it starts is stopped by PID on exit. Environment: JAVA_HOME, SKIP_BUILD=1 (use
# target/production as it is), LOAD_S (default 60), CONNECTIONS (default 256), REQUESTS
# (default 1000000), JAVA_OPTS (default: hello.env's), SCHED_POLICY (default: the units'
# CPUSchedulingPolicy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
layout=$root/target/production
load_s=${LOAD_S:-60}
connections=${CONNECTIONS:-256}
requests=${REQUESTS:-1000000}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
for tool in wrk curl "$nginx_bin"; do
  command -v "$tool" >/dev/null || { echo "needs $tool: sudo apt-get install -y nginx wrk curl" >&2; exit 1; }
done
java_opts=${JAVA_OPTS-}
set -a
# shellcheck source=systemd/hello.env
source "$root/deploy/systemd/hello.env"
set +a
JAVA_OPTS=${java_opts:-$JAVA_OPTS}
# The units' scheduling policy (CPUSchedulingPolicy), applied with chrt as systemd applies it.
policy=${SCHED_POLICY:-$(sed -n 's/^CPUSchedulingPolicy=//p' "$root/deploy/systemd/hello.service")}
launcher=(chrt "--$policy" 0)

work=$(mktemp -d /tmp/hello-soak.XXXXXX)
chmod 0755 "$work"
service_pid="" nginx_pid="" sampler_pid="" wrk_pid=""
cleanup() {
  local status=$?
  set +e
  [[ -n $wrk_pid ]] && kill "$wrk_pid" 2>/dev/null && wait "$wrk_pid" 2>/dev/null
  [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null && wait "$sampler_pid" 2>/dev/null
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
for port in 18020 18090 18453; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: stop what listens there first" >&2
    exit 1
  fi
done
group_arg=()
[[ $(id -u) == 0 ]] && group_arg=(--server.unix-socket.group=nogroup)
socket=$work/hello.sock
(cd "$layout" && read -r -a opts <<< "$JAVA_OPTS" \
  && exec "${launcher[@]}" "$java" @jvm.args "${opts[@]}" -jar hello.jar --spring.profiles.active=prod \
    "--server.bind=127.0.0.1:18020,unix:$socket" "--hello.access-log.directory=$work/access" \
    "${group_arg[@]}") > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1200); do
  curl -sf -o /dev/null http://127.0.0.1:18020/hello && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.1
done

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout "$work/key.pem" \
  -out "$work/cert.pem" 2>/dev/null
sed -e "s|listen 80;|listen 127.0.0.1:18090;|; /listen \[::\]/d; s|listen 443 ssl;|listen 127.0.0.1:18453 ssl;|" \
  -e "s|/etc/ssl/certs/ssl-cert-snakeoil.pem|$work/cert.pem|; s|/etc/ssl/private/ssl-cert-snakeoil.key|$work/key.pem|" \
  -e "s|/var/log/nginx/|$work/nginx-|; s|/etc/nginx/snippets/|$root/nginx/snippets/|" \
  -e "s|/run/hello/hello.sock|$socket|" "$root/nginx/sites-available/hello.conf" > "$work/site.conf"
mkdir -p "$work/tmp"
cat > "$work/nginx.conf" <<NGINX
$([[ $(id -u) == 0 ]] && echo "user nobody nogroup;")
worker_processes auto;
worker_rlimit_nofile 8192;
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
    include $work/site.conf;
}
NGINX
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' 2>> "$work/nginx-error.log" &
nginx_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:18090/hello && break; sleep 0.05; done
curl -sf -o /dev/null http://127.0.0.1:18090/about || { cat "$work/nginx-error.log" >&2; exit 1; }
url=http://127.0.0.1:18090

errors_of() {  # the non-2xx responses and socket errors in a wrk report
  local non2xx sockerr
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$1")
  sockerr=$(grep -oE '(connect|read|write|timeout) [0-9]+' <<< "$1" | awk '{s += $2} END {print s + 0}')
  echo $(( ${non2xx:-0} + sockerr ))
}
rss() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$service_pid/status"; }

echo "hello soak: $("$java" -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS, scheduling $policy, threads io=$SERVER_UNDERTOW_THREADS_IO \
worker=$SERVER_UNDERTOW_THREADS_WORKER, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}, nginx $("$nginx_bin" -v 2>&1 | cut -d/ -f2) \
→ socket, $(nproc) cores"
failed=0
for path in /hello /about; do
  out=$(wrk -t2 -c"$connections" -d"${load_s}s" --latency "$url$path")
  total=$(awk '/requests in/ {print $1}' <<< "$out")
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(errors_of "$out")
  echo "load: GET $path, $connections connections, ${load_s} s: $total requests, $rps/s, p99 $p99, errors $errors"
  (( errors == 0 )) || failed=1
done

per_third=$(( (requests + 2) / 3 ))
declare -a means
for third in 1 2 3; do
  (while kill -0 "$service_pid" 2>/dev/null; do rss; echo; sleep 1; done) > "$work/rss-$third" &
  sampler_pid=$!
  # wrk has no request count: each of its threads stops after its share (soak.lua), and wrk
  # itself is interrupted once the access log has the third's lines, or stops growing
  baseline=$(cat "$work"/access/*.log 2>/dev/null | wc -l)
  SOAK_REQUESTS_PER_THREAD=$(( per_third / 2 )) wrk -t2 -c64 -d1h -s "$root/bench/soak.lua" "$url" \
    > "$work/wrk-$third" &
  wrk_pid=$!
  target=$(( baseline + per_third )) last=-1 still=0
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 0.5
    lines=$(cat "$work"/access/*.log 2>/dev/null | wc -l)
    if (( lines == last )); then still=$(( still + 1 )); else still=0; fi
    last=$lines
    if (( lines >= target - 2 || still >= 6 )); then kill -INT "$wrk_pid"; break; fi
  done
  wait "$wrk_pid" || true
  out=$(cat "$work/wrk-$third")
  kill "$sampler_pid"; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  total=$(awk '/requests in/ {print $1}' <<< "$out")
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<< "$out")
  errors=$(errors_of "$out")
  means[$third]=$(awk 'NF {s += $1; n++} END {printf "%d", s / n}' "$work/rss-$third")
  range=$(sort -n "$work/rss-$third" | awk 'NF {a[n++] = $1} END {print a[0] "–" a[n - 1]}')
  echo "soak third $third: $total requests, $rps/s, errors $errors, RSS mean ${means[$third]} MiB (range $range)"
  (( errors == 0 )) || failed=1
done
change=$(awk -v a="${means[1]}" -v b="${means[3]}" 'BEGIN {printf "%+.1f", (b - a) * 100 / a}')
echo "RSS, last third against first: $change %"
awk -v c="$change" 'BEGIN {exit (c <= 10 && c >= -10) ? 0 : 1}' || failed=1
exit "$failed"
