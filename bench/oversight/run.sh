#!/usr/bin/env bash
# Oversight benchmark: a seeded city (default 100,000 merchants, 10,000,000 live cards), the daily snapshot job's
# duration, the dashboard API's p50/p95 at four drill-down levels, the XLSX download of every merchant and 1,000,000
# rows streamed through the export writer with the live heap sampled; system PostgreSQL, durable settings, fresh database.
# Usage: bash bench/oversight/run.sh [merchants=100000] [cards=10000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
MERCHANTS=${1:-100000}
CARDS=${2:-10000000}
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
DROP DATABASE IF EXISTS fangxin_bench_oversight WITH (FORCE);
CREATE DATABASE fangxin_bench_oversight OWNER fangxin;
SQL
log "building"
./mvnw -B -ntp -q -o -DskipTests test-compile
./mvnw -B -ntp -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
rm -rf target/bench-oversight && mkdir -p target/bench-oversight
cp -r target/classes target/test-classes target/bench-oversight/
log "running ($MERCHANTS merchants, $CARDS cards)"
FANGXIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/fangxin_bench_oversight FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin \
  FANGXIN_LOG_FORMAT= \
  java -Xms256m -Xmx1g -cp "target/bench-oversight/test-classes:target/bench-oversight/classes:$(cat target/bench-classpath.txt)" \
  org.fangxin.bench.OversightBenchmark "$MERCHANTS" "$CARDS"
