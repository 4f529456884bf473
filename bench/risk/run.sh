#!/usr/bin/env bash
# Risk rating benchmark: the nightly rating of N merchants (default 100,000) with 12 months of feeds each, on the
# system PostgreSQL with durable settings (fsync and synchronous_commit on), in a fresh database.
# Usage: bash bench/risk/run.sh [merchants=100000]   (BENCH_JAVA_OPTS adds JVM options, e.g. a JFR recording)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
MERCHANTS=${1:-100000}
bench_db risk
bench_build risk
log "running ($MERCHANTS merchants)"
bench_java risk "-Xms512m -Xmx2g" org.fangxin.bench.RiskBenchmark "$MERCHANTS"
