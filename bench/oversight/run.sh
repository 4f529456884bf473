#!/usr/bin/env bash
# Oversight benchmark: a seeded city (default 100,000 merchants, 10,000,000 live cards), the daily snapshot job's
# duration, the dashboard API's p50/p95 at four drill-down levels, the XLSX download of every merchant and 1,000,000
# rows streamed through the export writer with the live heap sampled; system PostgreSQL, durable settings, fresh database.
# Usage: bash bench/oversight/run.sh [merchants=100000] [cards=10000000]
#        bash bench/oversight/run.sh export   (only the 1,000,000-row CSV and XLSX exports: no database, no seeding)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
MERCHANTS=${1:-100000}
CARDS=${2:-10000000}
if [ "$MERCHANTS" = export ]; then
    bench_build oversight
    bench_java oversight "-Xms256m -Xmx1g" org.fangxin.bench.OversightBenchmark export
    exit 0
fi
bench_db oversight
bench_build oversight
log "running ($MERCHANTS merchants, $CARDS cards)"
bench_java oversight "-Xms256m -Xmx1g" org.fangxin.bench.OversightBenchmark "$MERCHANTS" "$CARDS"
