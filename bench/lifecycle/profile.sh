#!/usr/bin/env bash
# Per-operation cost of the lifecycle benchmark: runs bench/lifecycle/run.sh with every statement of the bench database
# logged (log_min_duration_statement = 0 on that database only) and the service's JVM CPU sampled each second, then
# prints, for each step (one row of the benchmark), operations, JVM CPU ms per operation and SQL statements per operation
# (pgjdbc "execute" lines of that database between the step's start and end; BEGIN/COMMIT counted apart).
# PROFILE_STEP (default 'redeem (code issued befo ×1', the row's first 24 characters × clients) also lists that step's
# statements grouped by text per operation, and their parse / bind / execute time per operation. Statement logging slows the run: take throughput from a plain run.sh, costs from this one.
# Usage (same arguments and variables as run.sh): BENCH_PORT=19200 BENCH_DB=… CEILING_DB=… bash bench/lifecycle/profile.sh 10 1,8,32
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${BENCH_PORT:-18090}
BENCH_DB=${BENCH_DB:-fangxin_bench}
PGLOG=${PGLOG:-/var/log/postgresql/postgresql-15-main.log}
OUT=target/profile
mkdir -p "$OUT"
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date -u +%FT%T.%N)" "$line"; done; }

if [ -z "${PROFILE_ANALYSE_ONLY:-}" ]; then   # PROFILE_ANALYSE_ONLY=1: only the tables below, from the last run's files
: > "$OUT/cpu.txt"
# run.sh re-creates the bench database: drop it first, so the watcher below sets logging on the new one, not the old
runuser -u postgres -- psql -q -c "drop database if exists $BENCH_DB with (force)" 2>/dev/null || true
(   # once the bench database exists (run.sh recreates it), log its statements; then sample the service's CPU
  until runuser -u postgres -- psql -Atqc "select 1 from pg_database where datname = '$BENCH_DB'" 2>/dev/null | grep -q 1; do sleep 0.5; done
  runuser -u postgres -- psql -q -c "alter database $BENCH_DB set log_min_duration_statement = 0"
  pid=""
  until [ -n "$pid" ]; do sleep 1; pid=$(pgrep -f -- "--server.port=$PORT" | head -1 || true); done
  hz=$(getconf CLK_TCK)
  while [ -r "/proc/$pid/stat" ]; do
    read -r -a f < "/proc/$pid/stat"
    printf '%s %s\n' "$(date -u +%FT%T.%N)" "$(( (f[13] + f[14]) * 1000 / hz ))" >> "$OUT/cpu.txt"
    sleep 1
  done
) &
WATCH=$!
trap 'kill $WATCH 2>/dev/null || true' EXIT
bash bench/lifecycle/run.sh "$@" 2>&1 | stamp | tee "$OUT/run.txt"

fi
echo
echo "| step | ops | JVM CPU ms/op | statements/op | BEGIN+COMMIT/op |"
echo "|---|---|---|---|---|"
STEP=${PROFILE_STEP:-redeem (code issued befo ×1}
rm -f "$OUT/statements-per-op.txt"
start=""   # each row's window runs from its step's "starts" line to the row (milliseconds)
grep -E '^[^ ]+ (\[step .* starts|\| (purchase|redemption|redeem|floor|warm-up))' "$OUT/run.txt" | while IFS= read -r row; do
  if [[ "$row" == *"[step "* ]]; then start=${row%% *}; continue; fi
  # only the results row right after a step's start: the sessions table's rows carry the same step names later, and
  # took the step's listing over with a window reaching past the step (session 10's bug)
  [ -n "$start" ] || continue
  end=${row%% *}
  name=$(echo "$row" | cut -d'|' -f2 | xargs | cut -c1-24)
  clients=$(echo "$row" | cut -d'|' -f3 | xargs)
  ops=$(echo "$row" | cut -d'|' -f4 | tr -dc 0-9)
  cpu=$(awk -v s="$start" -v e="$end" '$1 >= s && $1 <= e {if (first == "") first = $2; last = $2} END {print last - first}' "$OUT/cpu.txt")
  s=$(date -u -d "${start/T/ }" '+%F %T.%3N'); e=$(date -u -d "${end/T/ }" '+%F %T.%3N')
  lines=$(awk -v s="$s" -v e="$e" -v db="@$BENCH_DB" '($1 " " $2) >= s && ($1 " " $2) <= e && index($0, db) && /execute/' "$PGLOG")
  total=$(printf '%s\n' "$lines" | grep -c execute || true)
  txn=$(printf '%s\n' "$lines" | grep -Eci 'execute [^:]*: (BEGIN|COMMIT)' || true)
  if [ "${ops:-0}" -gt 0 ]; then
    awk -v n="$name" -v c="$clients" -v o="$ops" -v cpu="$cpu" -v t="$total" -v x="$txn" \
      'BEGIN {printf "| %s ×%s | %d | %.1f | %.1f | %.1f |\n", n, c, o, cpu / o, (t - x) / o, x / o}'
  fi
  if [ "$name ×$clients" = "$STEP" ] && [ "${ops:-0}" -gt 0 ]; then
    # that step's statements grouped by their first line, per operation (request path and after-commit work alike)
    printf '%s\n' "$lines" | sed -E 's/^.*execute [^:]*: //' | sed -E 's/[[:space:]]+/ /g' | cut -c1-150 | sort | uniq -c \
      | sort -rn | awk -v o="$ops" '{n = $1; $1 = ""; printf "%8.2f %s\n", n / o, $0}' > "$OUT/statements-per-op.txt"
    # and their server time per operation by phase (parse, bind, execute: wall time in the backend, CPU at 1 client
    # but for the commit's WAL flush and lock waits), with how many executions were of a server-prepared statement
    awk -v s="$s" -v e="$e" -v db="@$BENCH_DB" -v o="$ops" '
      ($1 " " $2) >= s && ($1 " " $2) <= e && index($0, db) && /duration: [0-9.]+ ms  (parse|bind|execute) / {
        match($0, /duration: [0-9.]+ ms  (parse|bind|execute) [^:]*: /)
        head = substr($0, RSTART, RLENGTH); text = substr($0, RSTART + RLENGTH)
        split(head, h, " "); ms = h[2]; phase = h[4]; named = (h[5] ~ /^S_/)
        gsub(/[[:space:]]+/, " ", text); text = substr(text, 1, 110)
        t[text, phase] += ms; if (phase == "execute") { n[text]++; prepared[text] += named }; texts[text] = 1
        total[phase] += ms }
      END {
        for (x in texts) printf "%7.3f %7.3f %7.3f %6.2f %4.0f%% %s\n", t[x, "parse"] / o, t[x, "bind"] / o, t[x, "execute"] / o,
          n[x] / o, n[x] ? 100 * prepared[x] / n[x] : 0, x
        printf "%7.3f %7.3f %7.3f  (all statements, ms per operation)\n", total["parse"] / o, total["bind"] / o, total["execute"] / o
      }' "$PGLOG" | sort -k3 -rn > "$OUT/statement-costs.txt"
  fi
  start=""
done
if [ -s "$OUT/statements-per-op.txt" ]; then
  echo
  echo "Statements per operation of step '$STEP' (PROFILE_STEP names another; $OUT/statements-per-op.txt):"
  cat "$OUT/statements-per-op.txt"
  echo
  echo "Server time per operation of step '$STEP' by statement: parse / bind / execute ms, executions, share server-prepared ($OUT/statement-costs.txt):"
  cat "$OUT/statement-costs.txt"
fi
runuser -u postgres -- psql -q -c "alter database $BENCH_DB reset log_min_duration_statement" 2>/dev/null || true
