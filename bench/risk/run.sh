#!/usr/bin/env bash
# Risk rating benchmark: the nightly rating of N merchants (default 100,000) with 12 months of feeds each, on the
# system PostgreSQL with durable settings (fsync and synchronous_commit on), in a fresh database.
# Usage: bash bench/risk/run.sh [merchants=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
MERCHANTS=${1:-100000}
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
PGVER=$(ls /etc/postgresql | sort -V | tail -1)
pg_ctlcluster --skip-systemctl-redirect "$PGVER" main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
DROP DATABASE IF EXISTS fangxin_bench_risk WITH (FORCE);
CREATE DATABASE fangxin_bench_risk OWNER fangxin;
SQL
log "building"
./mvnw -B -ntp -q -o -DskipTests test-compile
./mvnw -B -ntp -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# a private copy of the classes, so rebuilding the worktree during a long run cannot change them under the JVM
rm -rf target/bench-risk && mkdir -p target/bench-risk
cp -r target/classes target/test-classes target/bench-risk/
log "running ($MERCHANTS merchants)"
# the application refuses development keys outside the demo profile: keys of this run (nothing is signed for real)
FANGXIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/fangxin_bench_risk FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin \
  FANGXIN_DB_POOL_SIZE=10 FANGXIN_LOG_FORMAT= FANGXIN_IDENTITY_HMAC_KEY=bench-risk-identity-key-0123456789abcdef \
  FANGXIN_CARD_TOKEN_KEY=bench-risk-card-token-key-0123456789abcdef FANGXIN_PAYMENT_SANDBOX_SECRET=bench-risk-sandbox-secret-0123456789 \
  java -Xms512m -Xmx2g -cp "target/bench-risk/test-classes:target/bench-risk/classes:$(cat target/bench-classpath.txt)" \
  org.fangxin.bench.RiskBenchmark "$MERCHANTS"
