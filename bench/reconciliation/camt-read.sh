#!/usr/bin/env bash
# The camt.053 reader alone on a statement of N booked entries (default 1,000,000): file size, read time, heap peak,
# in a 2 GB heap (the file and its lines fit; a reader keeping the whole document model would not).
# Usage: bash bench/reconciliation/camt-read.sh [entries=1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp -DskipTests test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -Xms2g -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.fangxin.bench.Camt053ReadBenchmark "${1:-1000000}"
