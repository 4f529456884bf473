#!/usr/bin/env bash
# Starts the three PostgreSQL 15 clusters of the `sharded` profile on one machine (docs/scale-out.md): ports 55441,
# 55442, 55443 (FANGXIN_SHARD_PORTS), data under FANGXIN_SHARD_DIR (default /var/tmp/fangxin-shards/<port>), each with
# role fangxin/fangxin and database fangxin (FANGXIN_SHARD_DB). Idempotent: a cluster that exists is started, one
# that runs is left alone, an existing role or database is kept. Durable settings (fsync and synchronous commit on).
# Run as root (the clusters run as the postgres OS user) or as a non-root user that owns FANGXIN_SHARD_DIR.
set -euo pipefail
PORTS=${FANGXIN_SHARD_PORTS:-"55441 55442 55443"}
BASE=${FANGXIN_SHARD_DIR:-/var/tmp/fangxin-shards}
DB=${FANGXIN_SHARD_DB:-fangxin}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql); PGBIN=$PGBIN" >&2; exit 1; }

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$BASE"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE"
for port in $PORTS; do
  dir="$BASE/$port"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg mkdir -p "$dir"
    as_pg "$PGBIN/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    cat <<CONF | as_pg tee -a "$dir/postgresql.conf" >/dev/null
# fangxin sharded profile (scripts/sharded-up.sh)
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 60
shared_buffers = 64MB
timezone = 'UTC'
CONF
  fi
  if ! as_pg "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  as_pg "$PGBIN/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE fangxin LOGIN CREATEDB PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
SELECT 'CREATE DATABASE $DB OWNER fangxin' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB')\gexec
SQL
  # Identity is global: the other shards reach the directory shard's tables through postgres_fdw (ADR 12 §8b), whose
  # extension only a superuser may create.
  as_pg "$PGBIN/psql" -X -q -h "$dir" -p "$port" -U postgres -d "$DB" -v ON_ERROR_STOP=1 \
    -c 'CREATE EXTENSION IF NOT EXISTS postgres_fdw' -c 'GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO fangxin'
  echo "shard on 127.0.0.1:$port ready (database $DB, data $dir)"
done
