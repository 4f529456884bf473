#!/usr/bin/env bash
# An idempotency key's WAL and statements per keyed command that is not sent together (a refund request), before and
# after issue 15's session 14 (idem14): before, the key's row is claimed first (insert, status null) and updated with
# the answer at the command's end, on pages kept 30% free for that update (V1_98_21); after, the key is held by an
# advisory lock, looked up, and its row inserted once with the answer (V1_101_20 fills pages again). A third database
# runs the new statements on the old pages' fill factor, to split the two changes. Scratch databases on the local
# cluster with the shared migrations only; in each, COMMANDS commands (default 2,000), each its own transaction with the
# statements Idempotency sends, a refund request's request and answer JSON (the answer ~1.1 kB, taken from a test run)
# and 50 scopes (users). pg_walinspect lists the WAL records of that database only (other databases' records are
# filtered out by their block references; the commit records, one per command on both sides, carry none). A checkpoint
# precedes each step, so the full-page images (fpi) are those of each page's first change after it.
# Usage (as root, the cluster on the default port): bash bench/idempotency-wal/run.sh [commands]
set -euo pipefail
cd "$(dirname "$0")"
N=${1:-2000}
M=../../src/main/resources/db/migration/shared
PSQL="runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1"
ANSWER='{"id": "019cb692-cd00-7785-b14b-499b2584b4d2", "fee": {"currency": "CNY", "amountMinor": 0}, "paid": {"currency": "CNY", "amountMinor": 60000}, "feeBp": 0, "gross": {"currency": "CNY", "amountMinor": 50000}, "cardId": "019cb692-cd00-776e-8c74-71bb3270e341", "method": "PRO_RATA_SESSIONS", "paidAt": null, "reason": "CONSUMER_CHOICE", "refund": {"currency": "CNY", "amountMinor": 50000}, "status": "PENDING_MERCHANT", "retained": {"currency": "CNY", "amountMinor": 0}, "decidedAt": null, "decidedBy": null, "uncovered": {"currency": "CNY", "amountMinor": 0}, "approvedAt": null, "coolingOff": true, "merchantId": "019cb692-cd00-7752-ad4e-94599ff08277", "unredeemed": {"currency": "CNY", "amountMinor": 50000}, "contestedAt": null, "requestedAt": "2026-03-04T02:00:00Z", "requestedOn": "2026-03-04", "holderUserId": "019cb692-cd00-7761-9149-f8f67a6e5bbd", "paymentError": null, "contestReason": null, "decisionReason": null, "contestDeadline": "2026-03-09", "paymentAttempts": 0, "paymentReference": null, "clawedFromDeposit": {"currency": "CNY", "amountMinor": 0}, "clawedFromPayable": {"currency": "CNY", "amountMinor": 0}}'
commands() {  # <old|new>: the statements of N commands, as Idempotency sends them
  echo "\\set answer '$ANSWER'"
  for ((i = 0; i < N; i++)); do
    echo "select 'user:' || md5('$((i % 50))') as scope, gen_random_uuid() as key, gen_random_uuid() as card, now() as at \\gset"
    echo "select json_build_object('cardId', :'card', 'reason', 'CONSUMER_CHOICE')::text as request, md5(:'card') || md5(:'key') as hash \\gset"
    echo "begin;"
    if [ "$1" = old ]; then
      echo "insert into idempotency.request (scope, key, request_sha256, request_body, created_at) values (:'scope', :'key', :'hash', cast(:'request' as jsonb), :'at') on conflict (scope, key) do nothing;"
      echo "update idempotency.request set status = 201, response_body = cast(:'answer' as jsonb), resource_id = null where scope = :'scope' and key = :'key';"
    else
      echo "select pg_advisory_xact_lock(hashtextextended('idempotency:' || cast(:'scope' as text) || ':' || cast(:'key' as text), 0)) \\g /dev/null"
      echo "select request_sha256, request_body::text, status, response_body::text, resource_id from idempotency.request where scope = :'scope' and key = :'key' \\g /dev/null"
      echo "insert into idempotency.request (scope, key, request_sha256, request_body, created_at, status, response_body, resource_id) values (:'scope', :'key', :'hash', cast(:'request' as jsonb), :'at', 201, cast(:'answer' as jsonb), null) on conflict (scope, key) do nothing;"
    fi
    echo "commit;"
  done
}
measure() {  # <db> <old|new> <label>
  local oid a b
  oid=$($PSQL -At -d "$1" -c "select oid from pg_database where datname = current_database()")
  commands "$2" > /tmp/idempotency-wal-$2.sql
  $PSQL -d "$1" -c "checkpoint"
  a=$($PSQL -At -d "$1" -c "select pg_current_wal_insert_lsn()")
  $PSQL -d "$1" -f /tmp/idempotency-wal-$2.sql
  b=$($PSQL -At -d "$1" -c "select pg_current_wal_insert_lsn()")
  $PSQL -d "$1" -c "select '$3' as step, coalesce(resource_manager, 'all') as resource_manager, count(*) as records, sum(record_length) as bytes,
      sum(fpi_length) as fpi_bytes, round(count(*) / $N.0, 2) as records_per_command,
      round(sum(record_length - fpi_length) / $N.0) as bytes_per_command_without_fpi,
      round(sum(record_length) / $N.0) as bytes_per_command
    from pg_get_wal_records_info('$a', '$b') where block_ref like '%/$oid/%' group by grouping sets ((resource_manager), ()) order by 2"
  $PSQL -d "$1" -c "select '$3' as step, pg_relation_size('idempotency.request') / 8192 as heap_pages,
      n_tup_ins as inserted, n_tup_upd as updated, n_tup_hot_upd as hot_updated, n_dead_tup as dead
    from pg_stat_user_tables where relid = 'idempotency.request'::regclass"
}
for db in idem_wal_old idem_wal_new idem_wal_new_ff70; do
  $PSQL -c "drop database if exists $db" -c "create database $db"
  $PSQL -d $db -c "create extension pg_walinspect" -f $M/V1_0_1__idempotency_and_audit.sql -f $M/V1_84_1__idempotency_resource.sql \
    -f $M/V1_98_21__idempotency_room_for_the_answer.sql
done
$PSQL -d idem_wal_new -f $M/V1_101_20__idempotency_written_once.sql
measure idem_wal_old old "before: claim, then its answer by update (fillfactor 70)"
measure idem_wal_new new "after: lock, look-up, one insert (fillfactor 100)"
measure idem_wal_new_ff70 new "after, statements on fillfactor 70"
sleep 1
for db in idem_wal_old idem_wal_new idem_wal_new_ff70; do $PSQL -c "drop database $db"; done
