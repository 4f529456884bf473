#!/usr/bin/env bash
# A bulk notice's WAL and index entries, before and after the outbox went (issue 15, session 13): three scratch databases
# on the local cluster, one with the notification migrations before V12_100_20 (message + outbox row per notice), one
# with V12_100_20 too (message only, followed by the channels' cursor), one with digest.sql as well (the dedup key
# unique by its digest: tried, not kept). In each and for each shape (notices.sql: a
# compensation's planned notices, 1,000 per statement; redemption notices, 500 per statement): 10,000 notices seeded,
# a checkpoint, then 10,000 more. pg_walinspect lists the WAL records of that database only
# (other databases' records are filtered out by their block references), so a shared, busy cluster does not blur the
# counts; full-page images (fpi) are those of the first change of each page after the checkpoint.
# Usage (as root, the cluster on the default port): bash bench/notice-wal/run.sh
set -euo pipefail
cd "$(dirname "$0")"
M=../../src/main/resources/db/migration/notification
PSQL="runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1"
measure() {  # <db> <outbox true|false> <shape planned|redeemed> <batch> <label>  (digest: the db's name ends in _digest)
  local oid a b
  oid=$($PSQL -At -d "$1" -c "select oid from pg_database where datname = current_database()")
  local run=(-v outbox="$2" -v shape="$3" -v batch="$4" -v digest="$([[ $1 == *_digest ]] && echo true || echo false)")
  $PSQL -d "$1" -c "truncate notification.message cascade" -c "select pg_stat_reset()" >/dev/null
  $PSQL -d "$1" "${run[@]}" -v round=0 -f notices.sql >/dev/null
  $PSQL -d "$1" -c "checkpoint"
  a=$($PSQL -At -d "$1" -c "select pg_current_wal_insert_lsn()")
  $PSQL -d "$1" "${run[@]}" -v round=1 -f notices.sql >/dev/null
  b=$($PSQL -At -d "$1" -c "select pg_current_wal_insert_lsn()")
  $PSQL -d "$1" -c "select '$5' as step, resource_manager, count(*) as records, sum(record_length) as bytes,
      sum(fpi_length) as fpi_bytes, round(count(*) / 10000.0, 2) as records_per_notice,
      round(sum(record_length - fpi_length) / 10000.0) as bytes_per_notice_without_fpi,
      round(sum(record_length) / 10000.0) as bytes_per_notice
    from pg_get_wal_records_info('$a', '$b') where block_ref like '%/$oid/%' group by rollup (1, 2) order by 1, 2"
  $PSQL -d "$1" -c "select '$5' as step, relname, n_tup_ins as inserted
    from pg_stat_user_tables where schemaname = 'notification' order by 2" \
    -c "select '$5' as step, indexrelname, pg_relation_size(indexrelid) / 8192 as pages
    from pg_stat_user_indexes where schemaname = 'notification' order by 2"
}
for db in notice_wal_old notice_wal_new notice_wal_digest; do
  $PSQL -c "drop database if exists $db" -c "create database $db"
  $PSQL -d $db -c "create extension pg_walinspect" -f $M/V12_0_1__messages.sql -f $M/V12_21_1__message_keys.sql
done
$PSQL -d notice_wal_new -f $M/V12_100_20__notice_delivery_cursor.sql
$PSQL -d notice_wal_digest -f $M/V12_100_20__notice_delivery_cursor.sql -f digest.sql
for shape in "planned 1000" "redeemed 500"; do
  measure notice_wal_old true $shape "$shape: message + outbox row"
  measure notice_wal_new false $shape "$shape: message only, cursor index"
  measure notice_wal_digest false $shape "$shape: message only, cursor index, dedup digest"
done
for db in notice_wal_old notice_wal_new notice_wal_digest; do $PSQL -c "drop database $db"; done
