#!/usr/bin/env bash
# Reconciliation benchmark: 1,000,000-line GBK CSV statement parsed and matched against 1,000,000 ledger movements.
# Usage (from anywhere): bench/reconciliation/run.sh [lines=1000000] [rounds=2]
# Compiles main and test classes, then runs org.fangxin.bench.ReconciliationBenchmark on the test classpath.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xms2g -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.fangxin.bench.ReconciliationBenchmark "$@"
