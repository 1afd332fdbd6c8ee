# shellcheck shell=bash
# bench/lib.sh: what the measuring scripts share, sourced by each after `set -euo pipefail`.
# They start hello as deployed (the production layout, deploy/systemd/hello.env's settings, the
# units' CPUSchedulingPolicy, the prod profile) behind a private nginx with the shipped sites, on
# 127.0.0.1 and in a temporary directory, and stop everything they started by PID on exit.
#
# A script's order: bench_args "$@"; bench_need ...; bench_ports_free ...; bench_settings;
# bench_init NAME; bench_build; then bench_start_service, bench_start_nginx, and the bench_wrk_*
# helpers. So --help needs nothing, and a missing tool or a busy port fails before any build.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_layout=$bench_root/target/production
bench_name=bench/$(basename "$0")
bench_java=${JAVA_HOME:+$JAVA_HOME/bin/}java
bench_pids=()
bench_work=""

# The script's usage: its header comment, from the line after the shebang to the first line
# that is not a comment.
bench_usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

# bench_args "$@": -h or --help prints the usage and exits 0; the scripts take no arguments
# (their settings are environment variables), so anything else is a usage error.
bench_args() {
  case "${1-}" in
    -h | --help) bench_usage; exit 0 ;;
    "") ;;
    *) echo "$bench_name: unknown argument '$1' (settings are environment variables; see --help)" >&2; exit 2 ;;
  esac
}

# Where a tool is: on PATH, or in /usr/sbin (nginx, for a user without it on PATH); java and
# javac from JAVA_HOME when it is set, as the Maven wrapper takes them.
bench_find() {
  case "$1" in
    java | javac)
      if [[ -n ${JAVA_HOME:-} ]]; then
        [[ -x $JAVA_HOME/bin/$1 ]] && echo "$JAVA_HOME/bin/$1"
        return
      fi ;;
  esac
  command -v "$1" || { [[ -x /usr/sbin/$1 ]] && echo "/usr/sbin/$1"; }
}

# bench_need TOOL:PACKAGE ...: fails with one message naming every missing tool and the Debian
# packages that bring them. java, and javac when the script is to build the layout, are looked
# for in JAVA_HOME when it is set.
bench_need() {
  local spec tool missing=() packages=()
  for spec in "$@"; do
    tool=${spec%%:*}
    if [[ $tool == javac && ${SKIP_BUILD:-} == 1 ]]; then
      continue
    fi
    if ! bench_find "$tool" > /dev/null; then
      missing+=("$tool")
      [[ " ${packages[*]} " == *" ${spec#*:} "* ]] || packages+=("${spec#*:}")
    fi
  done
  if (( ${#missing[@]} > 0 )); then
    echo "$bench_name needs ${missing[*]}${JAVA_HOME:+ (java and javac from JAVA_HOME=$JAVA_HOME)}:" \
      "sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  bench_nginx=$(bench_find nginx || echo /usr/sbin/nginx)
}

# bench_ports_free PORT ...: fails naming every port on 127.0.0.1 that something listens on.
bench_ports_free() {
  local port busy=()
  for port in "$@"; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      busy+=("$port")
    fi
  done
  if (( ${#busy[@]} > 0 )); then
    echo "$bench_name needs 127.0.0.1 port ${busy[*]} free: stop what listens there first" >&2
    exit 1
  fi
}

# The deployment's settings, as the systemd units read them: hello.env's JAVA_OPTS (unless
# JAVA_OPTS is set), threads and malloc arenas, exported to the JVM; and the units' scheduling
# policy (unless SCHED_POLICY is set), applied with chrt as systemd applies it.
bench_settings() {
  local java_opts=${JAVA_OPTS-}
  set -a
  # shellcheck source=deploy/systemd/hello.env
  source "$bench_root/deploy/systemd/hello.env"
  set +a
  JAVA_OPTS=${java_opts:-$JAVA_OPTS}
  bench_policy=${SCHED_POLICY:-$(sed -n 's/^CPUSchedulingPolicy=//p' "$bench_root/deploy/systemd/hello.service")}
}

# bench_peer_jdks: for the comparisons with the peers: bench_jdk17 and bench_jdk25 (JDK17_HOME and
# JDK25_HOME, or their defaults), and hello's JDK as JDK says (17, the default, or 25), exported as
# JAVA_HOME and run as bench_java.
bench_peer_jdks() {
  bench_jdk17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
  bench_jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  case ${JDK:-17} in
    17) JAVA_HOME=$bench_jdk17 ;;
    25) JAVA_HOME=$bench_jdk25 ;;
    *) echo "$bench_name: JDK is 17 or 25, not '${JDK}'" >&2; exit 2 ;;
  esac
  export JAVA_HOME
  bench_java=$JAVA_HOME/bin/java
}

# bench_peer_env: bench_peer_env_unset, env(1)'s options that leave out JAVA_HOME and every
# setting of hello.env, which are hello's alone: a peer starts as it ships.
bench_peer_env() {
  local name
  bench_peer_env_unset=(-u JAVA_HOME)
  for name in $(sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' "$bench_root/deploy/systemd/hello.env"); do
    bench_peer_env_unset+=(-u "$name")
  done
}

# bench_init NAME: the temporary directory (kept with KEEP_WORK=1) and the exit trap that stops
# every process started through these functions, newest first.
bench_init() {
  bench_work=$(mktemp -d "/tmp/hello-$1.XXXXXX")
  chmod 0755 "$bench_work" # nginx's workers must reach the socket inside
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local status=$? i
  set +e # a stopped process's wait status is no failure here
  for (( i = ${#bench_pids[@]} - 1; i >= 0; i-- )); do
    kill "${bench_pids[i]}" 2> /dev/null && wait "${bench_pids[i]}" 2> /dev/null
  done
  [[ -n ${KEEP_WORK:-} || -z $bench_work ]] || rm -rf "$bench_work"
  exit "$status"
}

# bench_track PID: stop it on exit. bench_untrack PID: it has ended and been waited for.
bench_track() { bench_pids+=("$1"); }
bench_untrack() {
  local pid kept=()
  for pid in "${bench_pids[@]}"; do
    [[ $pid == "$1" ]] || kept+=("$pid")
  done
  bench_pids=("${kept[@]}")
}

# bench_stop PID: stops a tracked process and waits for it.
bench_stop() {
  kill "$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
  bench_untrack "$1"
}

# The production layout in target/production, built unless SKIP_BUILD=1.
bench_build() {
  if [[ ${SKIP_BUILD:-} != 1 ]]; then
    echo "building the production layout ..." >&2
    (cd "$bench_root" && ./mvnw -q -Pproduction package -DskipTests) >&2
  fi
  if [[ ! -f $bench_layout/jvm.args ]]; then
    echo "no $bench_layout/jvm.args: run ./mvnw -Pproduction package" >&2
    exit 1
  fi
}

# bench_start_service PROBE ARG...: the layout as the units start it, with ARGs (such as
# --server.bind=...), its output in $bench_work/service.log. PROBE is curl's URL, with
# "--unix-socket PATH " before it for a service on a socket only. Waits up to 120 s for the
# probe's first 200; sets bench_service_pid and bench_startup_ms (launch to that 200).
bench_start_service() {
  local probe started group_arg=()
  read -r -a probe <<< "$1"
  shift
  # As root, nginx's workers run as nobody:nogroup: give the socket that group.
  if [[ $(id -u) == 0 ]]; then
    group_arg=(--server.unix-socket.group=nogroup)
  fi
  started=$(date +%s%N)
  (cd "$bench_layout" && read -r -a opts <<< "$JAVA_OPTS" \
    && exec chrt "--$bench_policy" 0 "$bench_java" @jvm.args "${opts[@]}" -jar hello.jar \
      --spring.profiles.active=prod "$@" "${group_arg[@]}") > "$bench_work/service.log" 2>&1 &
  bench_service_pid=$!
  bench_track "$bench_service_pid"
  until curl -sf -o /dev/null "${probe[@]}"; do
    if ! kill -0 "$bench_service_pid" 2> /dev/null; then
      cat "$bench_work/service.log" >&2
      exit 1
    fi
    if (( ($(date +%s%N) - started) / 1000000000 >= 120 )); then
      echo "hello gave no 200 on ${probe[*]} within 120 s" >&2
      exit 1
    fi
    sleep 0.02
  done
  # shellcheck disable=SC2034 # read by the scripts
  bench_startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# bench_render_site SITE HTTP_PORT HTTPS_PORT [FROM TO]: a shipped site of nginx/sites-available
# on stdout, its listeners on 127.0.0.1, its upstream named after HTTP_PORT (so that several
# sites fit one nginx), its certificate, logs and snippets moved, and FROM replaced with TO
# (the service's address).
bench_render_site() {
  if [[ ! -f $bench_work/cert.pem ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
      -keyout "$bench_work/key.pem" -out "$bench_work/cert.pem" 2> /dev/null
  fi
  sed -e "s|listen 80;|listen 127.0.0.1:$2;|; /listen \[::\]/d; s|listen 443 ssl;|listen 127.0.0.1:$3 ssl;|" \
    -e "s|upstream hello|upstream hello_$2|; s|proxy_pass http://hello;|proxy_pass http://hello_$2;|" \
    -e "s|/etc/ssl/certs/ssl-cert-snakeoil.pem|$bench_work/cert.pem|; s|/etc/ssl/private/ssl-cert-snakeoil.key|$bench_work/key.pem|" \
    -e "s|/var/log/nginx/|$bench_work/nginx-|; s|/etc/nginx/snippets/|$bench_root/nginx/snippets/|" \
    -e "s|${4:-@none@}|${5:-}|" "$bench_root/nginx/sites-available/$1"
}

# bench_start_nginx SITES_FILE WORKERS EXTRA PROBE_URL...: a private nginx with the rendered
# sites, worker_processes WORKERS (auto, as Debian ships it), EXTRA main-context directives,
# no access log. Waits up to 5 s for each PROBE_URL's 200; sets bench_nginx_pid.
bench_start_nginx() {
  local sites=$1 workers=$2 extra=$3 probe user=""
  shift 3
  if [[ $(id -u) == 0 ]]; then
    user="user nobody nogroup;"
  fi
  mkdir -p "$bench_work/tmp"
  cat > "$bench_work/nginx.conf" << EOF
$user
worker_processes $workers;
$extra
pid $bench_work/nginx.pid;
error_log $bench_work/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $bench_work/tmp/client_body;
    proxy_temp_path $bench_work/tmp/proxy;
    fastcgi_temp_path $bench_work/tmp/fastcgi;
    uwsgi_temp_path $bench_work/tmp/uwsgi;
    scgi_temp_path $bench_work/tmp/scgi;
    include $sites;
}
EOF
  "$bench_nginx" -p "$bench_work" -c "$bench_work/nginx.conf" -g 'daemon off;' 2>> "$bench_work/nginx-error.log" &
  bench_nginx_pid=$!
  bench_track "$bench_nginx_pid"
  for probe in "$@"; do
    for _ in $(seq 100); do
      curl -sf -o /dev/null "$probe" && break
      sleep 0.05
    done
    if ! curl -sf -o /dev/null "$probe"; then
      cat "$bench_work/nginx-error.log" >&2
      exit 1
    fi
  done
}

# What a wrk report says: requests/s (whole), a latency percentile, the request count, and the
# errors (non-2xx responses plus socket errors).
bench_wrk_rps() { awk '/^Requests\/sec/ {printf "%d", $2}' <<< "$1"; }
bench_wrk_percentile() { awk -v p="$2" '$1 == p {print $2}' <<< "$1"; }
bench_wrk_total() { awk '/requests in/ {print $1}' <<< "$1"; }
bench_wrk_errors() {
  local non2xx sockerr
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$1")
  sockerr=$(grep -oE '(connect|read|write|timeout) [0-9]+' <<< "$1" | awk '{s += $2} END {print s + 0}')
  echo $(( ${non2xx:-0} + sockerr ))
}

# The resident set of a process, in MiB.
bench_rss_mib() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
# bench_cpu_ticks PID: the user and system CPU ticks (CLK_TCK a second) of a process or, with
# PID/task/TID, of one thread. They follow its name, which may hold spaces: the 12th and 13th after it.
bench_cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12, $13}'; }
# bench_jit_ticks PID: the CPU ticks (user + system) of the JVM's JIT compiler threads together.
bench_jit_ticks() {
  local task name user sys total=0
  for task in /proc/"$1"/task/*; do
    name=$(cat "$task/comm" 2> /dev/null) || continue
    [[ $name == C[12]\ CompilerThre* ]] || continue
    read -r user sys < <(bench_cpu_ticks "$1/task/${task##*/}" 2> /dev/null) || continue
    total=$((total + user + sys))
  done
  echo "$total"
}

# One line on what ran: JDK, JVM options, threads, arenas, scheduling, nginx, cores.
bench_setup() {
  echo "$("$bench_java" -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS $(tr '\n' ' ' < "$bench_layout/jvm.args")," \
    "threads io=${SERVER_UNDERTOW_THREADS_IO:-default} worker=${SERVER_UNDERTOW_THREADS_WORKER:-default}," \
    "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}, scheduling $bench_policy," \
    "nginx $("$bench_nginx" -v 2>&1 | cut -d/ -f2), $(nproc) cores"
}
