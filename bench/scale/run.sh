#!/usr/bin/env bash
# bench/scale (issue 17, docs/scale-out.md "Capacity model"): redemptions over 100 merchants through the service's
# facades, each inside its merchant's route, on
#   direct     the default profile on one PostgreSQL (shard cluster 1, database fangxin_bench_scale_direct),
#   sharded-1  the sharded profile over 1 shard (shard cluster 1, database fangxin_bench_scale1),
#   sharded-3  the sharded profile over 3 shards (shard clusters 1-3, database fangxin_bench_scale3),
# all on this machine, durable settings (fsync and synchronous_commit on), and a same-run pgbench ceiling on shard
# cluster 1 alone and on all three at once. Every configuration runs on the same PostgreSQL clusters, so the
# direct/sharded-1 ratio is the routing overhead alone.
# Usage: flock /work/wt/bench.lock bash bench/scale/run.sh [seconds-per-step=10] [clients=1,8] [merchants=100] [cards-per-merchant=2]
# FANGXIN_SHARD_PORTS / FANGXIN_SHARD_DIR choose the shard clusters, as for scripts/sharded-up.sh (default 55441-55443).
# BENCH_SKIP_BUILD=1 reuses the classes of the previous run.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_STEP=${1:-10}
CLIENTS=${2:-1,8}
MERCHANTS=${3:-100}
CARDS=${4:-2}
read -r -a PORTS <<< "${FANGXIN_SHARD_PORTS:-55441 55442 55443}"
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }
export PGPASSWORD=fangxin
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

bash scripts/sharded-up.sh >/dev/null
fresh_db() { # port database
  psql -X -q -h 127.0.0.1 -p "$1" -U fangxin -d postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" -c "CREATE DATABASE $2"
}
fresh_db "${PORTS[0]}" fangxin_bench_scale_direct
fresh_db "${PORTS[0]}" fangxin_bench_scale1
fresh_db "${PORTS[0]}" fangxin_bench_scale_ceiling
for port in "${PORTS[@]}"; do fresh_db "$port" fangxin_bench_scale3; fresh_db "$port" fangxin_bench_scale_ceiling; done
# postgres_fdw (identity is global) in the new databases: scripts/sharded-up.sh creates it as the superuser
FANGXIN_SHARD_DB=fangxin_bench_scale1 bash scripts/sharded-up.sh >/dev/null
FANGXIN_SHARD_DB=fangxin_bench_scale3 bash scripts/sharded-up.sh >/dev/null
log "shards on ports ${PORTS[*]}: fsync=$(psql -X -Atq -h 127.0.0.1 -p "${PORTS[0]}" -U fangxin -d postgres -c 'show fsync')" \
    "synchronous_commit=$(psql -X -Atq -h 127.0.0.1 -p "${PORTS[0]}" -U fangxin -d postgres -c 'show synchronous_commit'); load: $(uptime)"

log "pgbench ceiling (bench/lifecycle's redemption-shaped transaction), ${SECONDS_PER_STEP} s per step"
for port in "${PORTS[@]}"; do
  psql -X -q -h 127.0.0.1 -p "$port" -U fangxin -d fangxin_bench_scale_ceiling -f bench/lifecycle/pgbench-setup.sql >/dev/null 2>&1
done
pgb() { # port clients
  "$PGBIN/pgbench" -h 127.0.0.1 -p "$1" -U fangxin -n -c "$2" -j "$(( $2 < 2 ? 1 : 2 ))" -T "$SECONDS_PER_STEP" \
    -f bench/lifecycle/pgbench-redemption.sql fangxin_bench_scale_ceiling 2>/dev/null | awk '/^tps/ {print int($3)}'
}
for c in ${CLIENTS//,/ }; do
  echo "CEILING one cluster clients=$c tps=$(pgb "${PORTS[0]}" "$c")"
done
LAST=${CLIENTS##*,}
mkdir -p target # a fresh clone has none yet
for port in "${PORTS[@]}"; do pgb "$port" "$LAST" > "target/bench-scale-pgbench-$port.txt" & done
wait
echo "CEILING three clusters at once, clients=$LAST each, tps=$(cat target/bench-scale-pgbench-*.txt | awk '{s += $1} END {print s}') ($(cat target/bench-scale-pgbench-*.txt | paste -sd' '))"

if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -d target/bench-scale-sharded ]; then
  log "building (Maven profile sharded; the direct run gets the same classes without src/sharded*)"
  ./mvnw -B -ntp -q -o -Psharded -DskipTests test-compile
  ./mvnw -B -ntp -q -o -Psharded dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-scale-sharded.classpath >/dev/null
  ./mvnw -B -ntp -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-scale-direct.classpath >/dev/null
  rm -rf target/bench-scale-sharded target/bench-scale-direct && mkdir -p target/bench-scale-sharded target/bench-scale-direct
  cp -r target/classes target/test-classes target/bench-scale-sharded/
  cp -r target/classes target/test-classes target/bench-scale-direct/
  # the default build has neither src/sharded nor src/sharded-test: take their classes out of the direct copy
  for src in src/sharded/java src/sharded-test/java; do
    dir=$([ "$src" = src/sharded/java ] && echo classes || echo test-classes)
    find "$src" -name '*.java' | while read -r f; do
      rel=${f#"$src"/}; rm -f "target/bench-scale-direct/$dir/${rel%.java}.class" "target/bench-scale-direct/$dir/${rel%.java}"\$*.class
    done
  done
  rm -rf target/bench-scale-direct/classes/db/sharded target/bench-scale-direct/classes/application-sharded.properties
fi

service() { # label copy main-class [extra env...]
  local label=$1 copy=$2 main=$3
  shift 3
  log "$label: starting the service and seeding; load: $(uptime)"
  env "$@" FANGXIN_DB_POOL_SIZE=20 FANGXIN_SHARD_POOL_SIZE=20 FANGXIN_LOG_FORMAT= SERVER_PORT=0 \
    FANGXIN_IDENTITY_HMAC_KEY=bench-scale-identity-key-0123456789abcdef FANGXIN_CARD_TOKEN_KEY=bench-scale-card-token-key-0123456789abcdef \
    FANGXIN_PAYMENT_SANDBOX_SECRET=bench-scale-sandbox-secret-0123456789 FANGXIN_PAYMENT_SANDBOX_ENABLED=true \
    java -Xms512m -Xmx2g -cp "target/bench-scale-$copy/test-classes:target/bench-scale-$copy/classes:$(cat "target/bench-scale-$copy.classpath")" \
    "$main" "$label" "$MERCHANTS" "$CARDS" "$SECONDS_PER_STEP" "$CLIENTS" 2>&1 | grep -E '^(RESULT|\[)' || true
  log "$label: done; load: $(uptime)"
}
url() { echo "jdbc:postgresql://127.0.0.1:$1/$2"; }
service direct direct org.fangxin.bench.ScaleBenchmark FANGXIN_DB_URL="$(url "${PORTS[0]}" fangxin_bench_scale_direct)" \
  FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin
service sharded-1 sharded org.fangxin.bench.ShardedScaleBenchmark FANGXIN_SHARD_URLS="$(url "${PORTS[0]}" fangxin_bench_scale1)"
service sharded-3 sharded org.fangxin.bench.ShardedScaleBenchmark \
  FANGXIN_SHARD_URLS="$(url "${PORTS[0]}" fangxin_bench_scale3),$(url "${PORTS[1]}" fangxin_bench_scale3),$(url "${PORTS[2]}" fangxin_bench_scale3)"
for port in "${PORTS[@]}"; do
  echo "ROWS port $port: redemptions $(psql -X -Atq -h 127.0.0.1 -p "$port" -U fangxin -d fangxin_bench_scale3 -c 'select count(*) from card.redemption')" \
       "merchants $(psql -X -Atq -h 127.0.0.1 -p "$port" -U fangxin -d fangxin_bench_scale3 -c 'select count(*) from merchant.merchant')"
done
