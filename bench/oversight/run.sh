#!/usr/bin/env bash
# Oversight benchmark: a seeded city (default 100,000 merchants, 10,000,000 live cards), the daily snapshot job's
# duration, the dashboard API's p50/p95 at five drill-down levels with the same-run ceiling (the same SQL through
# pgbench), the XLSX download of every merchant and 1,000,000 rows streamed through the export writer with the live
# heap sampled; system PostgreSQL, durable settings, fresh database.
# Usage: bash bench/oversight/run.sh [merchants=100000] [cards=10000000]   (seed and measure in one run)
#        bash bench/oversight/run.sh seed [merchants] [cards]   (fresh database, seed only)
#        bash bench/oversight/run.sh measure                     (measure the database the last seed left)
#        bash bench/oversight/run.sh export   (only the 1,000,000-row CSV and XLSX exports: no database, no seeding)
#        bash bench/oversight/run.sh drop     (drop the benchmark database: the full city takes ~10 GB of disk)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
DB=fangxin_bench_oversight

# The dashboard's own SQL (bench/oversight/dashboard.sql) at each level, 200 sequential transactions after 20 of warm-up.
ceiling() {
    local day out
    day=$(PGPASSWORD=fangxin psql -X -At -h 127.0.0.1 -U fangxin -d $DB -c "select max(day) from oversight.snapshot_run")
    out=$(mktemp -d)
    while IFS='|' read -r what region prefix sector; do
        local args=(-n -c 1 -f "$PWD/bench/oversight/dashboard.sql" -D "day='$day'" -D "region='$region'" -D "prefix='$prefix'"
                    -D "sector=$sector" -h 127.0.0.1 -U fangxin $DB)
        PGPASSWORD=fangxin pgbench "${args[@]}" -t 20 >/dev/null 2>&1
        (cd "$out" && PGPASSWORD=fangxin pgbench "${args[@]}" -t 200 --log --log-prefix=q >/dev/null 2>&1)
        sort -n -k3 "$out"/q.* | awk -v what="$what" '{ l[NR] = $3 } END {
            printf "ceiling (dashboard SQL by pgbench), %-38s p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d transactions)\n",
                   what ",", l[int(NR / 2) + 1] / 1000, l[int(NR * 0.95 + 0.999)] / 1000, l[NR] / 1000, NR }'
        rm -f "$out"/q.*
    done <<'LEVELS'
national, country level|000000|%|NULL
Kaifeng regulator, city|410200|4102%|NULL
Kaifeng regulator, district 410204|410204|410204%|NULL
Kaifeng regulator, district + sector|410204|410204%|'CATERING'
education bureau, city|410200|4102%|'EDUCATION'
LEVELS
    rmdir "$out"
}

case "${1:-}" in
    export)
        bench_build oversight
        bench_java oversight "-Xms256m -Xmx1g" org.fangxin.bench.OversightBenchmark export ;;
    drop)
        runuser -u postgres -- psql -X -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" ;;
    seed)
        bench_db oversight
        bench_build oversight
        log "seeding (${2:-100000} merchants, ${3:-10000000} cards)"
        bench_java oversight "-Xms256m -Xmx1g" org.fangxin.bench.OversightBenchmark seed "${2:-100000}" "${3:-10000000}" ;;
    measure)
        bench_build oversight
        log "measuring"
        bench_java oversight "-Xms256m -Xmx1g" org.fangxin.bench.OversightBenchmark measure
        ceiling ;;
    *)
        bench_db oversight
        bench_build oversight
        log "running (${1:-100000} merchants, ${2:-10000000} cards)"
        bench_java oversight "-Xms256m -Xmx1g" org.fangxin.bench.OversightBenchmark "${1:-100000}" "${2:-10000000}"
        ceiling ;;
esac
