#!/usr/bin/env bash
# The ledger posting of one group-commit batch, set-based (ledger.post_keyed_batch, V3_98_10) against the loop
# (ledger.post_keyed_transfers, V3_97_1043), server time and buffer hits alone (issue 15, session 11, gc11).
# Copies the ledger schema of a migrated database (SOURCE_DB, e.g. a test database after a test run) into a scratch
# database (MICRO_DB), opens one merchant (payable; advance with 8 slots of 100,000 fen) and 64 cards, then posts
# batches of redemptions (card 100 / payable 80 / advance 20), each inside a transaction rolled back, the two functions
# alternating; prints the median of each (first 5 of each left out).
# Usage: SOURCE_DB=fangxin_test_gc11 MICRO_DB=fangxin_micro_gc11 bash bench/ledger-batch/run.sh [repetitions] [sizes]
set -euo pipefail
cd "$(dirname "$0")"
REPS=${1:-40}
SIZES=${2:-8,32}
SOURCE_DB=${SOURCE_DB:?a migrated database, e.g. fangxin_test_<branch>}
MICRO_DB=${MICRO_DB:-fangxin_micro}
export PGPASSWORD=${PGPASSWORD:-fangxin}
PSQL="psql -X -q -h 127.0.0.1 -U fangxin"
runuser -u postgres -- psql -X -q -c "drop database if exists $MICRO_DB with (force)" -c "create database $MICRO_DB owner fangxin"
pg_dump -h 127.0.0.1 -U fangxin -s -n ledger "$SOURCE_DB" | $PSQL -d "$MICRO_DB" >/dev/null
$PSQL -d "$MICRO_DB" -f setup.sql
$PSQL -d "$MICRO_DB" -c 'analyze ledger.account, ledger.balance, ledger.balance_slot'
OUT=$(mktemp)
python3 batches.py "$REPS" "$SIZES" | $PSQL -d "$MICRO_DB" > "$OUT" 2>&1
python3 batches.py --report "$OUT"
echo "load: $(uptime)"
