#!/usr/bin/env bash
# Compensation benchmark: a merchant with N live cards (default 100,000) is confirmed closed and everyone is paid,
# on the system PostgreSQL with durable settings (fsync and synchronous_commit on), in a fresh database.
# Usage: bash bench/compensation/run.sh [cards=100000] [check]   (check: books verified after seeding and at the end)
# FANGXIN_PROTECTION_COMPENSATION_WORKERS: pay threads per instance (default 2; the benchmark runs 2 instances)
# BENCH_SEND_ON_REQUEST: true (default, as production) sends each pay chunk's refunds when it commits; false after the pay job
# BENCH_JAVA_OPTS: extra options for the benchmark JVM only (e.g. -XX:StartFlightRecording=filename=/tmp/c.jfr,settings=profile)
set -euo pipefail
cd "$(dirname "$0")/../.."
CARDS=${1:-100000}
CHECK=${2:-}
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
PGVER=$(ls /etc/postgresql | sort -V | tail -1)
pg_ctlcluster --skip-systemctl-redirect "$PGVER" main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
DROP DATABASE IF EXISTS fangxin_bench_compensation WITH (FORCE);
CREATE DATABASE fangxin_bench_compensation OWNER fangxin;
SQL
log "building"
./mvnw -B -ntp -q -DskipTests test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# a private copy of the classes, so rebuilding the worktree during a long run cannot change them under the JVM
rm -rf target/bench-compensation && mkdir -p target/bench-compensation
cp -r target/classes target/test-classes target/bench-compensation/
log "running ($CARDS cards)"
# the application refuses development keys outside the demo profile: keys of this run (nothing is signed for real)
FANGXIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/fangxin_bench_compensation FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin \
  SERVER_PORT=0 FANGXIN_DB_POOL_SIZE=20 FANGXIN_LOG_FORMAT= FANGXIN_IDENTITY_HMAC_KEY=bench-comp-identity-key-0123456789abcdef \
  FANGXIN_CARD_TOKEN_KEY=bench-comp-card-token-key-0123456789abcdef FANGXIN_PAYMENT_SANDBOX_SECRET=bench-comp-sandbox-secret-0123456789 FANGXIN_PAYMENT_SANDBOX_ENABLED=true \
  java ${BENCH_JAVA_OPTS:-} -Xms1g -Xmx3g -cp "target/bench-compensation/test-classes:target/bench-compensation/classes:$(cat target/bench-classpath.txt)" \
  org.fangxin.bench.CompensationBenchmark "$CARDS" $CHECK
