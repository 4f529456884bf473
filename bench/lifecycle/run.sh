#!/usr/bin/env bash
# Lifecycle benchmark (the ceiling runs in its own database on the same server, so Flyway sees a clean one):
# Lifecycle benchmark: purchase and redemption end to end over HTTP at 1, 8 and 32 clients, against Fangxin on the
# system PostgreSQL with durable settings (fsync and synchronous_commit on), and pgbench's ceiling on the same server.
# Usage: bash bench/lifecycle/run.sh [seconds-per-step] [client-counts] [merchants]   e.g. bash bench/lifecycle/run.sh 10 1,8,32 100
# BENCH_APP_ARGS passes extra service options, e.g. BENCH_APP_ARGS=--fangxin.card.group-commit.enabled=false
# BENCH_SKIP_BUILD=1 reuses target/fangxin.jar of the previous run (same code, another option or merchant count).
# A purchase is the issue's measure: the order call plus the provider's signed PAID callback (the benchmark signs it with
# the sandbox secret, BENCH_SANDBOX_SECRET, the demo's by default); BENCH_CHECKOUT_PAGE=1 adds the old whole journey
# through the sandbox checkout page as its own row; BENCH_PURCHASES_ONLY=1 stops after the purchase rows.
# After the redeem step at 8 clients a paced (open-loop) step sends redeems of codes issued beforehand at a fixed rate,
# half the rate that step measured (BENCH_PACED_RATE=<n>/s forces one), from BENCH_PACED_SENDERS threads (64), each
# latency taken from the send's due time (no coordinated omission): issue 15's "p99 at half of that load"; its row
# gives the rate achieved, p50/p95/p99/max and how late the latest send started.
# BENCH_WARMUP_SECONDS=20 runs 20 s of unmeasured code + redeem operations before the first redemption step (JIT warm-up).
# Each row also has PostgreSQL's CPU per operation (the bench database's backends and the cluster's shared processes),
# the client's, other databases' (other work on a shared cluster), the machine's busy CPU and idle share; the bench
# database's sessions by state and wait event (sampled every 50 ms) follow the table.
# BENCH_JAVA_OPTS passes JVM options, e.g. BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/lifecycle.jfr,settings=profile"
# BENCH_PRIVATE_PG=<port> runs bench and ceiling on a private PostgreSQL cluster of the same version and settings (durable,
# the system cluster's defaults) started on that port for the run and stopped after it, with pg_stat_statements
# (track = all, track_planning) and auto_explain (nested statements slower than BENCH_AUTO_EXPLAIN_MS, 200 by default,
# logged with their plan to target/private-pg.log) preloaded, which the shared cluster cannot have without a restart;
# each redemption step then also lists its top statements by plan + execute time per operation.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_STEP=${1:-10}
CLIENTS=${2:-1,8,32}
MERCHANTS=${3:-1}
PORT=${BENCH_PORT:-18090}            # BENCH_PORT, BENCH_DB and CEILING_DB let two engineers run it side by side
BENCH_DB=${BENCH_DB:-fangxin_bench}
CEILING_DB=${CEILING_DB:-fangxin_ceiling}
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
PGVER=$(ls /etc/postgresql | sort -V | tail -1)
PGPORT=5432
if [ -n "${BENCH_PRIVATE_PG:-}" ]; then
  PGPORT=$BENCH_PRIVATE_PG
  source bench/private-pg.sh
  cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; stop_private; }
  private_pg_start "$PGPORT" <<CONF
shared_preload_libraries = 'pg_stat_statements,auto_explain'
pg_stat_statements.track_planning = on
auto_explain.log_min_duration = '${BENCH_AUTO_EXPLAIN_MS:-200}ms'
auto_explain.log_nested_statements = on
auto_explain.log_buffers = on
log_line_prefix = '%m [%p] %q%u@%d '
CONF
  log "private PostgreSQL $PGVER on port $PGPORT ($PGDATA_PRIVATE; log copied to target/private-pg.log at the end)"
  trap 'cleanup; cp "$PGDATA_PRIVATE/log" target/private-pg.log 2>/dev/null || true' EXIT
else
  pg_ctlcluster --skip-systemctl-redirect "$PGVER" main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
fi
export PGPORT
until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
runuser -u postgres -- psql -X -q ${PGDATA_PRIVATE:+-h /tmp} -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\\gexec
DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE);
CREATE DATABASE $BENCH_DB OWNER fangxin;
ALTER DATABASE $BENCH_DB SET track_functions = 'pl';
DROP DATABASE IF EXISTS $CEILING_DB WITH (FORCE);
CREATE DATABASE $CEILING_DB OWNER fangxin;
SQL
if [ -n "${BENCH_PRIVATE_PG:-}" ]; then
  runuser -u postgres -- psql -X -q -h /tmp -d "$BENCH_DB" -c 'create extension pg_stat_statements'
fi
export PGPASSWORD=fangxin
PSQL="psql -X -q -h 127.0.0.1 -U fangxin -d $BENCH_DB"
log "durability: fsync=$($PSQL -Atc 'show fsync') synchronous_commit=$($PSQL -Atc 'show synchronous_commit')"

log "pgbench ceiling (redemption-shaped transaction)"
psql -X -q -h 127.0.0.1 -U fangxin -d $CEILING_DB -f bench/lifecycle/pgbench-setup.sql 2>/dev/null
echo "| pgbench clients | tps |"
echo "|---|---|"
for c in ${CLIENTS//,/ }; do
  tps=$("/usr/lib/postgresql/$PGVER/bin/pgbench" -h 127.0.0.1 -U fangxin -n -c "$c" -j "$(( c < 2 ? 1 : 2 ))" -T "$SECONDS_PER_STEP" -f bench/lifecycle/pgbench-redemption.sql $CEILING_DB 2>/dev/null \
        | awk '/^tps/ {print int($3)}')
  echo "| $c | $tps |"
done

if [ -n "${BENCH_SKIP_BUILD:-}" ] && [ -f target/fangxin.jar ] && [ -f target/bench.classpath ]; then
  log "BENCH_SKIP_BUILD: reusing target/fangxin.jar"
else
  log "building"
  ./mvnw -q -B -ntp -DskipTests package
  ./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
fi
log "starting Fangxin on $BENCH_DB"
FANGXIN_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/$BENCH_DB FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin \
  FANGXIN_DB_POOL_SIZE=20 FANGXIN_LOG_FORMAT= \
  java ${BENCH_JAVA_OPTS:-} -jar target/fangxin.jar --server.port=$PORT --spring.profiles.active=demo --logging.level.root=WARN ${BENCH_APP_ARGS:-} > target/bench-app.log 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do curl -fsS http://127.0.0.1:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 1; done
sleep 3   # demo data is seeded right after start-up
log "HTTP load ($SECONDS_PER_STEP s per step, clients $CLIENTS, merchants $MERCHANTS, service options: ${BENCH_APP_ARGS:-none}); load: $(uptime)"
BENCH_APP_PID=$APP_PID BENCH_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/$BENCH_DB java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.fangxin.bench.LifecycleBenchmark \
  "http://127.0.0.1:$PORT" "$SECONDS_PER_STEP" "$CLIENTS" "$MERCHANTS"
log "done; load: $(uptime)"
