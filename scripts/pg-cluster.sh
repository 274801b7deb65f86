#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks (Debian's postgresql package, no systemd):
# owned by the postgres user (initdb refuses root), data under $PG_BASE (default /tmp/tracker-pg),
# TCP on 127.0.0.1:$PG_PORT (default 5544) only, its socket in its own folder, trust authentication.
# Debian's own "main" cluster is left alone. Stopped by its data folder, never by process name.
# Usage: pg-cluster.sh start|stop|status|destroy|url [DB]
set -euo pipefail
BASE=${PG_BASE:-/tmp/tracker-pg}
PORT=${PG_PORT:-5544}
DATA=$BASE/data
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    PGBIN=$(pgbin); [ -n "$PGBIN" ] || { echo "PostgreSQL is not installed" >&2; exit 3; }
    if [ ! -s "$DATA/PG_VERSION" ]; then
      install -d -m 700 "$BASE" "$BASE/run"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE" "$BASE/run"
      as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log"
    fi
    if as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then exit 0; fi
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 30 \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -k $BASE/run -c fsync=off -c synchronous_commit=off -c max_connections=400" start >/dev/null
    ;;
  stop)    PGBIN=$(pgbin); as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null ;;
  status)  PGBIN=$(pgbin); as_pg "$PGBIN/pg_ctl" -D "$DATA" status ;;
  destroy) PGBIN=$(pgbin); as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$BASE" ;;
  url)     echo "postgresql://postgres@127.0.0.1:$PORT/${2:-postgres}" ;;
  *) echo "usage: $0 start|stop|status|destroy|url [DB]" >&2; exit 2 ;;
esac
