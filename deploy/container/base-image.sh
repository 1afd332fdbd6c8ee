#!/usr/bin/env bash
# Makes a JRE base image with no registry: Debian 12's minimal tree with openjdk-17-jre-headless,
# made by debootstrap and imported into podman. For machines that cannot pull a public JRE image;
# elsewhere build.sh uses one (its --base).
#
#   deploy/container/base-image.sh [--name NAME] [--mirror URL]
#
# Does nothing when the image already exists: debootstrap takes minutes. Needs root, podman and
# debootstrap (apt-get install -y podman runc debootstrap). The tree is made in a temporary
# directory and removed on exit.
set -euo pipefail
name=localhost/hello-jre-base:bookworm
mirror=${HELLO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --name) name=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}
for tool in podman debootstrap; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] ||
    { echo "needs $tool: apt-get install -y podman runc debootstrap" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "needs root (debootstrap, rootful podman)" >&2; exit 1; }
if podman image exists "$name"; then
  echo "$name exists"
  exit 0
fi
tree=$(mktemp -d /var/tmp/hello-jre-base.XXXXXX)
trap 'rm -rf "$tree"' EXIT
PATH=$PATH:/usr/sbin debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$tree" "$mirror"
# What a container never needs: package caches and lists, documentation.
rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/* "$tree"/usr/share/doc/* \
  "$tree"/usr/share/man/* "$tree"/usr/share/locale/*
tar -C "$tree" -c . | podman import --change 'CMD ["/bin/bash"]' - "$name"
echo "made $name"
