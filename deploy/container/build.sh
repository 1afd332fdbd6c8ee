#!/usr/bin/env bash
# Builds hello's container image (deploy/container/Containerfile) from this checkout.
#
#   deploy/container/build.sh [--offline] [--base IMAGE] [--tag NAME] [--jar FILE]
#
#   --base IMAGE  the JRE image to build on (default: the Containerfile's, a public JRE 17)
#   --offline     build on a base made here without a registry (deploy/container/base-image.sh,
#                 Debian 12 with openjdk-17-jre-headless; made once, then reused)
#   --tag NAME    the image's name (default localhost/hello:latest)
#   --jar FILE    a jar built by ./mvnw -Pproduction package, instead of building one
#
# It builds the jar with Spring AOT's prod beans (./mvnw -Pproduction -DskipTests package),
# extracts it in Spring Boot's layers, compiles the image's two small tools for Java 17, and runs podman build (docker build when
# there is no podman) on a context in target/container. Needs a JDK 17 or newer (JAVA_HOME or
# PATH) and podman or Docker. With podman, CONTAINERS_CONF defaults to containers.conf here
# (runc, rlimits the machine allows); set it to your own, or to /dev/null, to use podman's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
base="" tag=localhost/hello:latest jar="" offline=false
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    --offline) offline=true; shift ;;
    --tag) tag=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
command -v "$javac" >/dev/null || { echo "needs a JDK 17 or newer (javac): set JAVA_HOME" >&2; exit 1; }
if command -v podman >/dev/null; then
  engine=(podman build --format docker)   # docker format: podman keeps HEALTHCHECK only in it
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}
elif command -v docker >/dev/null; then
  engine=(docker build)
else
  echo "needs podman or docker: apt-get install -y podman runc" >&2; exit 1
fi
if $offline; then
  base=${base:-localhost/hello-jre-base:bookworm}
  "$here/base-image.sh" --name "$base"
fi

if [[ -z $jar ]]; then
  (cd "$root" && ./mvnw -q -Pproduction -DskipTests package)
  jar=$root/target/hello.jar
fi
context=$root/target/container
rm -rf "$context"
mkdir -p "$context/tools"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -Djarmode=tools -jar "$jar" extract --layers --destination "$context/layers"
cp "$here/Containerfile" "$context/Containerfile"
"$javac" --release 17 -d "$context/tools" "$root/src/build/TrainingRun.java" "$here/HealthCheck.java"

# JAVA_OPTS as the systemd units have them.
java_opts=$(set -a; source "$root/deploy/systemd/hello.env"; echo "$JAVA_OPTS")
args=(--build-arg "JAVA_OPTS=$java_opts" -t "$tag" -f "$context/Containerfile")
[[ -n $base ]] && args+=(--build-arg "BASE=$base")
"${engine[@]}" "${args[@]}" "$context"
echo "built $tag"
