#!/usr/bin/env bash
# Start a throw-away local PostgreSQL server for the queue tests and print the export line.
# Usage (CI or a developer shell):   eval "$(scripts/ci_postgres.sh)"   then run pytest.
# Installs Debian `postgresql` when missing (needs root), initialises a cluster under
# ${THPL_PG_DIR:-/tmp/thpl-pg}, listens on 127.0.0.1:${THPL_PG_PORT:-54329} only.
# Stop it with:  scripts/ci_postgres.sh stop
set -euo pipefail
PGDIR="${THPL_PG_DIR:-/tmp/thpl-pg}"
PORT="${THPL_PG_PORT:-54329}"
log() { echo "ci_postgres: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "cài đặt postgresql (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
AS=()
if [ "$(id -u)" = "0" ]; then AS=(runuser -u postgres --); fi

if [ "${1:-}" = "stop" ]; then
  "${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR/data" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$PGDIR"
if [ "$(id -u)" = "0" ]; then chown postgres "$PGDIR"; fi
if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
  log "khởi tạo cụm dữ liệu tại $PGDIR/data"
  echo thpl > "$PGDIR/pwfile"
  if [ "$(id -u)" = "0" ]; then chown postgres "$PGDIR/pwfile"; fi
  "${AS[@]}" "$BIN/initdb" -D "$PGDIR/data" -U thpl --pwfile="$PGDIR/pwfile" -A scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >&2
fi
if ! "${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  "${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDIR -c fsync=off" start >&2
fi
echo "export THPL_TEST_PG_URL=postgresql+psycopg://thpl:thpl@127.0.0.1:$PORT/postgres"
