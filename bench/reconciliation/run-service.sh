#!/usr/bin/env bash
# Reconciliation through the running service: a 1,000,000-line CSV statement uploaded to
# POST /api/v1/reconciliation/statements (parse -> match against 1,000,000 ledger escrow movements -> lines, matches and
# breaks stored), Fangxin on the system PostgreSQL with durable settings (fsync and synchronous_commit on).
# The ledger movements are seeded with SQL (as the postgres superuser, triggers off for the bulk load only), because
# posting a million transfers through the API would measure the ledger, not reconciliation.
# Usage: bash bench/reconciliation/run-service.sh [lines=1000000] [jdbc-url-options=?reWriteBatchedInserts=true]
# (BENCH_PORT and BENCH_DB override the service port 18091 and the database fangxin_recon_bench)
# (pass '' as the second argument to measure without PgJDBC's rewriting of batched inserts into multi-row inserts)
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES=${1:-1000000}
JDBC_OPTIONS=${2-?reWriteBatchedInserts=true}
PORT=${BENCH_PORT:-18091}
DB=${BENCH_DB:-fangxin_recon_bench}
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
PGVER=$(ls /etc/postgresql | sort -V | tail -1)
pg_ctlcluster --skip-systemctl-redirect "$PGVER" main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
DROP DATABASE IF EXISTS $DB WITH (FORCE);
CREATE DATABASE $DB OWNER fangxin;
SQL
export PGPASSWORD=fangxin
log "durability: fsync=$(psql -X -h 127.0.0.1 -U fangxin -d $DB -Atc 'show fsync') synchronous_commit=$(psql -X -h 127.0.0.1 -U fangxin -d $DB -Atc 'show synchronous_commit')"

log "building"
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
log "starting Fangxin on $DB"
log "JDBC options: '${JDBC_OPTIONS}'"
FANGXIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB$JDBC_OPTIONS" FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin FANGXIN_LOG_FORMAT= \
  java -Xms1g -Xmx6g -jar target/fangxin.jar --server.port=$PORT --spring.profiles.active=demo --logging.level.root=WARN \
  --logging.level.org.fangxin.bank.reconciliation.StatementImport=INFO \
  > target/bench-recon-app.log 2>&1 &
APP_PID=$!
for _ in $(seq 1 900); do curl -fsS http://127.0.0.1:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
sleep 3

log "seeding $LINES ledger escrow movements on sub-account FXB0000000001 (SQL bulk load)"
start=$(date +%s)
runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d $DB -v n="$LINES" -f bench/reconciliation/seed-movements.sql
log "seeded in $(( $(date +%s) - start )) s"

log "uploading the statement through the API"
java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.fangxin.bench.ReconciliationServiceBenchmark \
  "http://127.0.0.1:$PORT" "$LINES"
psql -X -h 127.0.0.1 -U fangxin -d $DB -Atc "select 'stored: ' || (select count(*) from bank.statement_line) || ' lines, '
  || (select count(*) from bank.reconciliation_match) || ' matches, ' || (select count(*) from bank.reconciliation_break) || ' breaks'"
grep -o 'statement .* imported: .*' target/bench-recon-app.log | tail -1 | sed 's/^/[service phases] /' || true
# Same-run ceiling: PostgreSQL alone writing the same lines and matches (insert ... select into copies of the tables with
# their indexes, one transaction, no client, no parsing or matching): what storing them cannot go below on this machine.
log "ceiling: PostgreSQL writes the same rows itself"
psql -X -h 127.0.0.1 -U fangxin -d $DB -q <<'SQL'
\timing on
begin;
create temp table ceiling_line (like bank.statement_line including all);
create temp table ceiling_match (like bank.reconciliation_match including all);
insert into ceiling_line select * from bank.statement_line;
insert into ceiling_match select * from bank.reconciliation_match;
commit;
SQL
