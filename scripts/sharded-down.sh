#!/usr/bin/env bash
# Stops the clusters scripts/sharded-up.sh started (fast shutdown: running transactions roll back, committed data
# stays). With --purge it also deletes their data directories.
set -euo pipefail
PORTS=${FANGXIN_SHARD_PORTS:-"55441 55442 55443"}
BASE=${FANGXIN_SHARD_DIR:-/var/tmp/fangxin-shards}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
for port in $PORTS; do
  dir="$BASE/$port"
  [ -f "$dir/PG_VERSION" ] || continue
  if as_pg "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    echo "stopped shard on port $port"
  fi
  if [ "${1:-}" = "--purge" ]; then rm -rf "$dir"; echo "deleted $dir"; fi
done
