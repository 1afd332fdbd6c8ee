#!/usr/bin/env bash
# hello beside the frameworks a user would pick instead, in one run of the separate comparison
# harness (its compare.sh): Quarkus, Micronaut and Helidon SE, and plain Spring Boot on Undertow.
# Prints the harness's markdown tables: start-up to the first /hello, requests/s and p99 of /hello
# direct, of a page, and of /hello through nginx, and RSS after the load.
#
#   BENCH_HARNESS=/path/to/harness bench/peers.sh     (bench/peers.sh --help prints this)
#
# hello runs as deployed: the production layout (built first), deploy/systemd/hello.env's
# settings, the units' scheduling policy, the prod profile, listening on 127.0.0.1:18010; its
# start-up is polled at /hello and its page is /about, with the site's layout. The peers run as
# they ship, each on its own JDK; with PEERS_JAVA_OPTS they all get those JVM options instead
# (say, hello's heap and collector, for a fair memory figure). docs/performance.md#against-the-peers
#
# Environment:
#   BENCH_HARNESS    the harness's directory (compare.sh, serve.sh, anchors/): required
#   JDK              17 (default): hello, Quarkus, Micronaut and plain Boot on JDK17_HOME;
#                    25: all of them on JDK25_HOME. Helidon SE always runs on JDK25_HOME.
#   JDK17_HOME       default /usr/lib/jvm/java-17-openjdk-amd64
#   JDK25_HOME       default /usr/lib/jvm/temurin-25-jdk-amd64
#   PEERS_JAVA_OPTS  JVM options for every peer (default: none, as they ship)
#   ANCHORS          default "quarkus micronaut helidon-se boot-undertow"
#   RUNS, PREWARM_S  rounds and untimed load per path after start-up (default 1 and 15)
#   SKIP_BUILD=1     use target/production as it is (built for the JDK chosen)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_args "$@"
harness=${BENCH_HARNESS:?"set BENCH_HARNESS to the comparison harness's directory (see --help)"}
[[ -x $harness/compare.sh ]] || { echo "$bench_name: no compare.sh in $harness" >&2; exit 1; }
bench_peer_jdks
bench_need java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless wrk:wrk nginx:nginx curl:curl chrt:util-linux
bench_ports_free 18010
bench_settings
bench_init peers
bench_build

# The harness starts every Java program with $JDK17_HOME/bin/java (Helidon SE with
# $JDK25_HOME's). A copy of the JDK whose java starts hello as the units do (its settings, its
# scheduling policy, in the layout's directory) and every other program as it is; the rest of
# the JDK is the real one.
shim() {  # shim REAL_JDK DIR
  local f layout
  layout=$(readlink -f "$bench_layout")
  mkdir -p "$2/bin"
  for f in "$1"/*; do
    [[ $(basename "$f") == bin ]] || ln -s "$f" "$2/"
  done
  for f in "$1"/bin/*; do
    [[ $(basename "$f") == java ]] || ln -s "$f" "$2/bin/"
  done
  cat > "$2/bin/java" << EOF
#!/bin/sh
case " \$* " in
  *" -jar $layout/hello.jar "*)
    set -a; . "$bench_root/deploy/systemd/hello.env"; set +a
    cd "$layout" && exec chrt --$bench_policy 0 "$1/bin/java" "\$@" ;;
esac
exec "$1/bin/java" "\$@"
EOF
  chmod +x "$2/bin/java"
}
shim "$JAVA_HOME" "$bench_work/jdk"
peers_jdk25=$bench_jdk25
[[ ${JDK:-17} == 25 ]] && peers_jdk25=$bench_work/jdk

echo "hello: $(bench_setup)" >&2
# hello.env's settings are hello's alone: the shim sets them, the peers never see them.
bench_peer_env
cd "$bench_layout"
env "${bench_peer_env_unset[@]}" JDK17_HOME="$bench_work/jdk" JDK25_HOME="$peers_jdk25" \
  JAVA_OPTS="${PEERS_JAVA_OPTS:-}" RUNS="${RUNS:-1}" PREWARM_S="${PREWARM_S:-15}" EXTRAS=0 \
  ANCHORS="${ANCHORS:-quarkus micronaut helidon-se boot-undertow}" \
  JAR="$bench_layout/hello.jar" JAR_PORT=18010 JAR_HELLO=/hello JAR_HEALTH=/hello JAR_PAGE=/about \
  JAR_JAVA_OPTS="@jvm.args $JAVA_OPTS" \
  JAR_ARGS="--spring.profiles.active=prod --server.bind=127.0.0.1:18010" \
  "$harness/compare.sh"
