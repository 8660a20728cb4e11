#!/bin/sh
# Installs the Debian packages listed in the given files that are missing.
# Runs apt-get only when something is missing, so a set-up machine is quick.
set -e
missing=""
for f in "$@"; do
  for p in $(grep -v '^\s*#' "$f" | awk 'NF {print $1}'); do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing="$missing $p"
    fi
  done
done
[ -z "$missing" ] && exit 0
echo "rapport: installerer manglende Debian-pakker:$missing"
if [ "$(id -u)" != 0 ]; then
  echo "rapport: kør som root (eller installer dem selv: apt-get install$missing)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
