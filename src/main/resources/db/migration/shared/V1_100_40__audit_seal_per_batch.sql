-- Issue 15 (session 13): one seal row per sealed batch instead of one per entry. A row of audit.seal per entry was
-- about 259 of the 1,105 WAL bytes of an audited action (its tuple and two index entries). A batch row keeps, for
-- positions first..last, the entry ids and the 32-byte hashes in position order (about 48 bytes an entry) and one
-- index entry of each kind for the whole batch. The hash formula is unchanged (ADR 18, amendment of session 13).
create table audit.seal_batch (
    first_position bigint    primary key,
    last_position  bigint    not null,
    -- the entry at position first_position + i - 1 is entry_ids[i]; its hash is bytes 32(i-1)+1..32i of hashes
    entry_ids      uuid[]    not null,
    hashes         bytea     not null,
    -- the lowest and highest xact of its entries: where the pages and the sealer find an entry's batch (GiST below)
    xacts          int8range not null,
    constraint seal_batch_whole check (first_position >= 1 and last_position >= first_position
        and cardinality(entry_ids) = last_position - first_position + 1
        and length(hashes) = 32 * cardinality(entry_ids))
);
-- hashes are incompressible: stored out of line uncompressed, so reading one entry's hash reads only its slice
alter table audit.seal_batch alter column hashes set storage external;
create index seal_batch_xacts on audit.seal_batch using gist (xacts);
create trigger seal_batch_append_only before update or delete on audit.seal_batch
    for each row execute function audit.forbid_change();

-- audit.seal keeps the seals written before (one row per entry, positions 1..its head): they verify unchanged and the
-- chain goes on in audit.seal_batch after them. Nothing inserts into audit.seal any more.
comment on table audit.seal is 'seals written before V1_100_40, one per entry; newer ones are in audit.seal_batch';
-- An instance of the previous version still running would go on sealing here from this table's head, beside the
-- batches at the same positions (a fork): refused, as the previous upgrade refused its predecessor's sealing update.
create function audit.forbid_seal_per_entry() returns trigger language plpgsql as $$
begin
    raise exception 'audit seals are rows of audit.seal_batch since V1_100_40 (insert into audit.seal refused)'
        using errcode = '42501';
end $$;
create trigger seal_closed before insert on audit.seal for each row execute function audit.forbid_seal_per_entry();

-- An entry's position and hash, for the pages, the export and anyone checking by hand: from either table.
create function audit.seal_of(ids uuid[], xacts bigint[]) returns table (entry_id uuid, chain_position bigint, hash bytea)
language sql stable as $$
    select s.entry_id, s.chain_position, s.hash from audit.seal s where s.entry_id = any(ids)
    union all
    select q.id, b.first_position + p.n - 1, substring(b.hashes from 32 * p.n - 31 for 32)
      from unnest(ids, xacts) as q(id, xact)
      join audit.seal_batch b on b.xacts @> q.xact
      cross join lateral (select array_position(b.entry_ids, q.id) as n) p
     where p.n is not null
$$;
