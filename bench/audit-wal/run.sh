#!/usr/bin/env bash
# The audit trail's WAL per entry, before and after the seal moved out of the entry (issue 15, session 12, ADR 18)
# and after seals became one row per batch (session 13): scratch databases on the local cluster, one with the shared
# migrations up to V1_23_1 (the seal an update of the entry), one with V1_99_20 too (the seal a row of audit.seal),
# two with V1_100_40 too (one row of audit.seal_batch per batch of 500, and per batch of 10). In each: 500
# card.redeemed-shaped entries, one insert each, then the sealing statement(s) for all of them. pg_walinspect lists the WAL records of that database only (other
# databases' records are filtered out by their block references), so a shared, busy cluster does not blur the counts.
# A checkpoint precedes each step: the full-page images (fpi) are those of the first change of each page after it.
# Usage (as root, the cluster on the default port): bash bench/audit-wal/run.sh
set -euo pipefail
cd "$(dirname "$0")"
M=../../src/main/resources/db/migration/shared
PSQL="runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1"
measure() {  # <db> <sql file> <label>
  local oid a b
  oid=$($PSQL -At -d "$1" -c "select oid from pg_database where datname = current_database()")
  $PSQL -d "$1" -c "checkpoint"
  a=$($PSQL -At -d "$1" -c "select pg_current_wal_insert_lsn()")
  $PSQL -d "$1" -f "$2"
  b=$($PSQL -At -d "$1" -c "select pg_current_wal_insert_lsn()")
  $PSQL -d "$1" -c "select '$3' as step, resource_manager, count(*) as records, sum(record_length) as bytes,
      sum(fpi_length) as fpi_bytes, round(count(*) / 500.0, 2) as records_per_entry,
      round(sum(record_length - fpi_length) / 500.0) as bytes_per_entry_without_fpi
    from pg_get_wal_records_info('$a', '$b') where block_ref like '%/$oid/%' group by 1, 2 order by 1, 2"
}
ALL="audit_wal_old audit_wal_new audit_wal_batch500 audit_wal_batch10"
for db in $ALL; do
  $PSQL -c "drop database if exists $db" -c "create database $db"
  $PSQL -d $db -c "create extension pg_walinspect" -f $M/V1_0_1__idempotency_and_audit.sql -f $M/V1_23_1__audit_hash_chain.sql
done
for db in audit_wal_new audit_wal_batch500 audit_wal_batch10; do $PSQL -d $db -f $M/V1_99_20__audit_seal_of_its_own.sql; done
for size in 500 10; do
  $PSQL -d audit_wal_batch$size -f $M/V1_100_40__audit_seal_per_batch.sql -c "alter database audit_wal_batch$size set bench.batch = $size"
done
measure audit_wal_old entries.sql "entry insert, seal on the entry"
measure audit_wal_old seal-old.sql "seal as an update of the entry"
measure audit_wal_new entries.sql "entry insert, insert-only entry"
measure audit_wal_new seal-new.sql "seal as a row of audit.seal"
for size in 500 10; do
  measure audit_wal_batch$size entries.sql "entry insert, batch seals ($size)"
  measure audit_wal_batch$size seal-batch.sql "seal rows of audit.seal_batch, $size entries each"
done
for db in $ALL; do $PSQL -c "drop database $db"; done
