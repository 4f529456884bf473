#!/usr/bin/env bash
# Compensation benchmark: a merchant with N live cards (default 100,000) is confirmed closed and everyone is paid,
# on the system PostgreSQL with durable settings (fsync and synchronous_commit on), in a fresh database.
# Usage: bash bench/compensation/run.sh [cards=100000] [check]   (check: books verified after seeding and at the end)
# FANGXIN_PROTECTION_COMPENSATION_WORKERS: pay threads per instance (default 2; the benchmark runs 2 instances)
# BENCH_SEND_ON_REQUEST: true (default, as production) sends each pay chunk's refunds when it commits; false after the pay job
# BENCH_JAVA_OPTS: extra options for the benchmark JVM only (e.g. -XX:StartFlightRecording=filename=/tmp/c.jfr,settings=profile)
# BENCH_PRIVATE_PG=<port>: a private cluster of the same version and settings (durable) on that port for the run, with
#   pg_stat_statements preloaded (reset after seeding): the run's top statements and table writes are printed at the end
set -euo pipefail
cd "$(dirname "$0")/../.."
CARDS=${1:-100000}
CHECK=${2:-}
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
PGVER=$(ls /etc/postgresql | sort -V | tail -1)
PGPORT=5432
if [ -n "${BENCH_PRIVATE_PG:-}" ]; then
  PGPORT=$BENCH_PRIVATE_PG
  source bench/private-pg.sh
  trap stop_private EXIT
  private_pg_start "$PGPORT" <<< "shared_preload_libraries = 'pg_stat_statements'"
  log "private PostgreSQL $PGVER on port $PGPORT ($PGDATA_PRIVATE)"
else
  pg_ctlcluster --skip-systemctl-redirect "$PGVER" main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
fi
export PGPORT
until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
runuser -u postgres -- psql -X -q ${PGDATA_PRIVATE:+-h /tmp} -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
DROP DATABASE IF EXISTS fangxin_bench_compensation WITH (FORCE);
CREATE DATABASE fangxin_bench_compensation OWNER fangxin;
SQL
if [ -n "${BENCH_PRIVATE_PG:-}" ]; then
  runuser -u postgres -- psql -X -q -h /tmp -d fangxin_bench_compensation -v ON_ERROR_STOP=1 \
    -c 'create extension pg_stat_statements' -c 'grant execute on function pg_stat_statements_reset to fangxin' \
    -c 'grant pg_read_all_stats to fangxin' -c 'grant execute on function pg_stat_reset to fangxin'
fi
log "building"
./mvnw -B -ntp -q -DskipTests test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# a private copy of the classes, so rebuilding the worktree during a long run cannot change them under the JVM
rm -rf target/bench-compensation && mkdir -p target/bench-compensation
cp -r target/classes target/test-classes target/bench-compensation/
log "running ($CARDS cards)"
# the application refuses development keys outside the demo profile: keys of this run (nothing is signed for real)
FANGXIN_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/fangxin_bench_compensation FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin \
  SERVER_PORT=0 FANGXIN_DB_POOL_SIZE=20 FANGXIN_LOG_FORMAT= FANGXIN_IDENTITY_HMAC_KEY=bench-comp-identity-key-0123456789abcdef \
  FANGXIN_CARD_TOKEN_KEY=bench-comp-card-token-key-0123456789abcdef FANGXIN_PAYMENT_SANDBOX_SECRET=bench-comp-sandbox-secret-0123456789 FANGXIN_PAYMENT_SANDBOX_ENABLED=true \
  java ${BENCH_JAVA_OPTS:-} -Xms1g -Xmx3g -cp "target/bench-compensation/test-classes:target/bench-compensation/classes:$(cat target/bench-classpath.txt)" \
  org.fangxin.bench.CompensationBenchmark "$CARDS" $CHECK
if [ -n "${BENCH_PRIVATE_PG:-}" ]; then
  log "top statements since seeding (pg_stat_statements: total ms, calls, rows, WAL MB)"
  runuser -u postgres -- psql -X -h /tmp -d fangxin_bench_compensation -P pager=off <<'SQL'
select round(total_exec_time) as ms, calls, rows, round(wal_bytes / 1e6, 1) as wal_mb,
       left(regexp_replace(query, '\s+', ' ', 'g'), 160) as query
  from pg_stat_statements order by total_exec_time desc limit 40;
select round(sum(total_exec_time)) as total_ms, sum(calls) as calls, round(sum(wal_bytes) / 1e6) as wal_mb from pg_stat_statements;
select schemaname || '.' || relname as rel, n_tup_ins as ins, n_tup_upd as upd, n_tup_hot_upd as hot, n_tup_del as del,
       pg_size_pretty(pg_total_relation_size(relid)) as size
  from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del > 1000 order by n_tup_ins + n_tup_upd + n_tup_del desc;
SQL
fi
