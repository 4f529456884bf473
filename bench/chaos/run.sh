#!/usr/bin/env bash
# Chaos runs (issue #14; by hand, never in CI). Consumers redeem sessions and place purchase orders in a burst, every
# POST with an Idempotency-Key (org.fangxin.bench.ChaosRun), while this script breaks something; requests without an
# answer are retried with their key; at the end: applied exactly once, lost, applied twice, ledger invariants.
#
# Usage: bash bench/chaos/run.sh <scenario> [burst-seconds=40] [clients=4]
#   kill-embedded   kill -9 of the service mid-burst on the embedded default (own data directory), restart once
#   kill-external   the same on external PostgreSQL (a private cluster of the system's binaries, see below)
#   pg-restart      PostgreSQL restarted mid-burst (external; pg_ctl restart, fast mode)
#   pg-outage       PostgreSQL stopped for 15 s mid-burst, then started (external)
#   two-instances   two instances with jobs against one database, the burst spread over both, one killed -9 mid-burst
# Figures go to docs/reliability.md. Port base 18500 (override with CHAOS_PORT).
set -euo pipefail
cd "$(dirname "$0")/../.."
SCENARIO=${1:?scenario: kill-embedded | kill-external | pg-restart | pg-outage | two-instances}
BURST=${2:-40}
CLIENTS=${3:-4}
PORT=${CHAOS_PORT:-18500}
WORK=target/chaos
log() { printf '[chaos %(%T)T] %s\n' -1 "$*"; }
PIDS=()
PIDS_PG=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$PIDS_PG" ] && { sleep 2; pgc stop -m fast 2>/dev/null || true; }
}
trap cleanup EXIT

mkdir -p "$WORK"
if [ ! -f "$WORK/classpath.txt" ] || [ -n "${CHAOS_REBUILD:-}" ]; then
  log "building"
  ./mvnw -B -ntp -q -o -DskipTests test-compile
  ./mvnw -B -ntp -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
  # a private copy of the classes, so rebuilding the worktree during a run cannot change them under the JVMs
  rm -rf "$WORK/classes" "$WORK/test-classes" && cp -r target/classes target/test-classes "$WORK/"
fi
CP="$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")"

export FANGXIN_LOG_FORMAT= FANGXIN_IDENTITY_HMAC_KEY=chaos-run-identity-key-0123456789abcdef \
  FANGXIN_CARD_TOKEN_KEY=chaos-run-card-token-key-0123456789abcdef FANGXIN_PAYMENT_SANDBOX_SECRET=chaos-run-sandbox-secret-0123456789
if [ "$SCENARIO" = kill-embedded ]; then
  rm -rf "$WORK/embedded-data"
  export FANGXIN_DATA_DIR="$WORK/embedded-data"
else
  # A private PostgreSQL cluster of the system's binaries on its own port (CHAOS_PG_PORT, default port base + 10),
  # so that restarting it or taking it away harms nobody else using the system PostgreSQL.
  PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
  PGBIN=/usr/lib/postgresql/$PGVER/bin
  PGPORT_CHAOS=${CHAOS_PG_PORT:-$((PORT + 10))}
  PGDATA_CHAOS=/tmp/fangxin-chaos-pg-$PGPORT_CHAOS
  pgc() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_CHAOS" -o "-p $PGPORT_CHAOS -k /tmp" -l "$PGDATA_CHAOS.log" -w "$@" >/dev/null; }
  if [ ! -d "$PGDATA_CHAOS" ]; then
    mkdir -p "$PGDATA_CHAOS" && chown postgres "$PGDATA_CHAOS"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_CHAOS" -A trust -U postgres >/dev/null
  fi
  pgc status || pgc start
  PIDS_PG=1
  runuser -u postgres -- psql -X -q -h /tmp -p "$PGPORT_CHAOS" -c "DO \$\$ BEGIN CREATE ROLE fangxin LOGIN PASSWORD 'fangxin'; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" \
    -c 'DROP DATABASE IF EXISTS fangxin_chaos WITH (FORCE)' -c 'CREATE DATABASE fangxin_chaos OWNER fangxin'
  log "private PostgreSQL $PGVER on port $PGPORT_CHAOS: fsync=$(runuser -u postgres -- psql -X -At -h /tmp -p "$PGPORT_CHAOS" -c 'show fsync') synchronous_commit=$(runuser -u postgres -- psql -X -At -h /tmp -p "$PGPORT_CHAOS" -c 'show synchronous_commit')"
  export FANGXIN_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT_CHAOS/fangxin_chaos FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin
fi

# start <port> <log>: one instance (demo profile: demo data, sandboxes on, published development secrets allowed)
start() {
  java -Xmx768m -cp "$CP" org.fangxin.FangxinApplication --server.port="$1" --spring.profiles.active=demo \
    --logging.level.root=WARN >> "$2" 2>&1 &
  PIDS+=($!)
  echo $!
}
await() { for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }

APP=$(start "$PORT" "$WORK/app.log")
await "$PORT" || { log "the service did not start"; tail -30 "$WORK/app.log"; exit 1; }
BASE="http://127.0.0.1:$PORT"
if [ "$SCENARIO" = two-instances ]; then
  SECOND=$(start $((PORT + 1)) "$WORK/app2.log")
  await $((PORT + 1)) || { log "the second instance did not start"; exit 1; }
  BASE="$BASE,http://127.0.0.1:$((PORT + 1))"
fi
sleep 3   # demo data is seeded right after start-up

MARKER="$WORK/marker"; rm -f "$MARKER"
log "scenario $SCENARIO: $CLIENTS clients, burst $BURST s"
java -cp "$CP" org.fangxin.bench.ChaosRun "$BASE" "$BURST" "$CLIENTS" "$MARKER" > "$WORK/result.md" 2>"$WORK/client.log" &
CLIENT=$!
until [ -f "$MARKER" ] || ! kill -0 $CLIENT 2>/dev/null; do sleep 0.5; done
sleep $((BURST / 3))
case "$SCENARIO" in
  kill-embedded|kill-external|two-instances)
    log "kill -9 of the service (pid $APP)"; kill -9 "$APP"
    [ "$SCENARIO" = kill-embedded ] && sleep 2 && log "postmaster left running: $(pgrep -f "$WORK/embedded-data" | wc -l) processes"
    T0=$(date +%s.%N); APP=$(start "$PORT" "$WORK/app.log"); await "$PORT"
    log "restarted once, healthy after $(echo "$(date +%s.%N) - $T0" | bc) s" ;;
  pg-restart)
    log "PostgreSQL restart"; pgc restart -m fast ;;
  pg-outage)
    log "PostgreSQL stopped for 15 s"; pgc stop -m fast
    sleep 15; pgc start; log "PostgreSQL back" ;;
  *) log "unknown scenario $SCENARIO"; exit 2 ;;
esac
wait $CLIENT && STATUS=clean || STATUS=FAILED
log "result ($STATUS):"; cat "$WORK/result.md"
[ "$STATUS" = clean ]
