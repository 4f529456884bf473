-- Issue 15 (session 12): an audit entry is written once. The seal (chain position, hash) was an update of the entry:
-- a second full row version with its JSON, five index insertions (never HOT: chain_position is indexed) and the
-- trigger, for every audited action. It is now a row of its own in audit.seal; the entry is insert-only again.
create table audit.seal (
    chain_position bigint primary key,
    entry_id       uuid   not null unique,
    -- SHA-256(position | previous hash | the entry's content), as before; the previous hash is the seal before's
    hash           bytea  not null check (length(hash) = 32)
);

-- The existing chain moves over unchanged: the same positions and hashes verify as they did.
insert into audit.seal (chain_position, entry_id, hash)
select chain_position, id, decode(hash, 'hex') from audit.entry where chain_position is not null;

create or replace function audit.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only (% refused)', tg_op using errcode = '42501';
end $$;
create trigger seal_append_only before update or delete on audit.seal
    for each row execute function audit.forbid_change();

drop index audit.entry_chain_position;
drop index audit.entry_unsealed;
alter table audit.entry drop constraint entry_sealed_whole,
    drop column chain_position, drop column prev_hash, drop column hash;

-- Which entries are not sealed yet, without a mark on them: the inserting transaction's id. Once a sealing pass has
-- seen every transaction below its snapshot's xmin finished, entries below that horizon are all sealed, so the next
-- pass looks only at the entries at or above it (and not in audit.seal). Existing entries read as 0: the first pass
-- looks at all of them once. The default is set after the column is added so that no table rewrite is needed.
alter table audit.entry add column xact xid8 not null default '0';
alter table audit.entry alter column xact set default pg_current_xact_id();
create index entry_xact on audit.entry (xact);

create table audit.seal_horizon (
    single  boolean primary key default true check (single),
    horizon xid8    not null
);
insert into audit.seal_horizon (horizon) values ('0');
