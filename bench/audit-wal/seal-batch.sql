-- The batch sealer (V1_100_40): the unsealed entries in batches of current_setting('bench.batch') entries, one row of
-- audit.seal_batch and one commit per batch, as AuditChain.seal does (hash stand-in: 32 bytes, as SHA-256)
do $$
declare
  size  int := current_setting('bench.batch')::int;
  first bigint := 1;
  ids   uuid[];
  lo    bigint;
  hi    bigint;
begin
  loop
    select array_agg(id order by xact, occurred_at, id), min(xact::text::bigint), max(xact::text::bigint) into ids, lo, hi
      from (select e.id, e.xact, e.occurred_at from audit.entry e
             where not exists (select 1 from audit.seal_batch b where b.xacts @> e.xact::text::bigint and e.id = any(b.entry_ids))
             order by e.xact, e.occurred_at, e.id limit size) x;
    exit when ids is null;
    insert into audit.seal_batch (first_position, last_position, entry_ids, hashes, xacts)
    values (first, first + cardinality(ids) - 1, ids,
            (select string_agg(sha256(i::text::bytea), ''::bytea order by o) from unnest(ids) with ordinality as u(i, o)),
            int8range(lo, hi, '[]'));
    first := first + cardinality(ids);
    commit;
  end loop;
end $$;
