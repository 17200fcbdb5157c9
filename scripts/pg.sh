#!/usr/bin/env bash
# Private PostGIS cluster for development and tests: lives in .pgdata/, listens only on a
# Unix socket inside it, trusts local connections, runs no system service.
# Usage: scripts/pg.sh start|stop|status|url
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/.pgdata"
bindir=$(pg_config --bindir 2>/dev/null || true)
# Debian keeps initdb/pg_ctl in a versioned directory that pg_config may not point at.
if [ ! -x "$bindir/initdb" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
[ -x "$bindir/initdb" ] || { echo "initdb not found: install postgresql (see README)" >&2; exit 1; }

# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The postgres user must be able to reach the cluster; a checkout under /root is not
# reachable, so the data then lives in /var/tmp and .pgdata is a link to it.
prepare_dir() {
  [ -e "$data" ] && return 0
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root"; then
    local elsewhere
    elsewhere="/var/tmp/landclaims-pg-$(printf %s "$root" | sha1sum | cut -c1-12)"
    mkdir -p "$elsewhere"
    ln -s "$elsewhere" "$data"
  else
    mkdir -p "$data"
  fi
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data/" || true
}

start() {
  prepare_dir
  if [ ! -f "$data/cluster/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$data/cluster" -A trust -U landclaims -E UTF8 \
      --locale=C.UTF-8 >"$data/initdb.log"
    as_owner mkdir -p "$data/run"
  fi
  if as_owner "$bindir/pg_ctl" -D "$data/cluster" status >/dev/null 2>&1; then
    return 0
  fi
  as_owner "$bindir/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w start \
    -o "-k $data/run -c listen_addresses=''" >/dev/null
  if ! "$bindir/psql" -h "$data/run" -U landclaims -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='landclaims'" | grep -q 1; then
    "$bindir/createdb" -h "$data/run" -U landclaims landclaims
  fi
  echo "PostGIS running on socket $data/run"
}

stop() {
  if [ -f "$data/cluster/PG_VERSION" ]; then
    as_owner "$bindir/pg_ctl" -D "$data/cluster" -m fast stop || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) as_owner "$bindir/pg_ctl" -D "$data/cluster" status ;;
  url) echo "postgis:///landclaims?host=$data/run&user=landclaims" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
