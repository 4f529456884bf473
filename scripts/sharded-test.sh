#!/usr/bin/env bash
# Runs the sharded profile's tests (src/sharded-test, docs/scale-out.md) against three local shards, starting them
# first with scripts/sharded-up.sh. Not part of `./mvnw verify`: the default build has no ShardingSphere on its classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/sharded-up.sh
# The application and the tests find the shards by FANGXIN_SHARD_URLS; derive it from the ports when only those are
# given, or a run on other ports talks to the default ones (or finds none and runs nothing).
if [ -z "${FANGXIN_SHARD_URLS:-}" ] && [ -n "${FANGXIN_SHARD_PORTS:-}" ]; then
  FANGXIN_SHARD_URLS=$(for port in $FANGXIN_SHARD_PORTS; do printf 'jdbc:postgresql://127.0.0.1:%s/%s,' "$port" "${FANGXIN_SHARD_DB:-fangxin}"; done)
  export FANGXIN_SHARD_URLS=${FANGXIN_SHARD_URLS%,}
fi
# Fresh shard databases for every run, as .ci/run has a fresh one: some tests look for their rows in capped lists
# (oldest first, or by account number) that rows left by earlier runs would fill. FANGXIN_SHARD_KEEP_DATA=1 keeps them.
if [ "${FANGXIN_SHARD_KEEP_DATA:-0}" != 1 ]; then
  PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  PORTS=${FANGXIN_SHARD_PORTS:-"55441 55442 55443"}
  for port in $PORTS; do
    dir="${FANGXIN_SHARD_DIR:-/var/tmp/fangxin-shards}/$port"
    run=("$PGBIN/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1
         -c "DROP DATABASE IF EXISTS ${FANGXIN_SHARD_DB:-fangxin} WITH (FORCE)"
         -c "CREATE DATABASE ${FANGXIN_SHARD_DB:-fangxin} OWNER fangxin")
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${run[@]}"; else "${run[@]}"; fi
  done
  bash scripts/sharded-up.sh  # again: the new databases get their extensions (postgres_fdw)
fi
# Three application contexts (jobs off, jobs on, Kafka) each hold pools on every shard, and postgres_fdw opens more on
# ds_0: keep at most two alive, or the third exhausts the shards' 60 connections.
./mvnw -B -ntp -Psharded test -Dtest.forks=1 -Dtest='Sharded*Tests' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspring.test.context.cache.maxSize=2 "$@"
