-- Tamper-evident audit trail: each entry is sealed into a hash chain shortly after it commits. The sealer (one at a
-- time, under an advisory lock) gives it the next chain position, the previous entry's hash and its own hash
-- SHA-256(position | previous hash | the entry's content). Changing, deleting or inserting an entry afterwards breaks
-- the chain at that position; `GET /api/v1/audit/verification` and the daily job report the first broken link.
alter table audit.entry
    add column chain_position bigint,
    add column prev_hash      char(64),
    add column hash           char(64),
    add constraint entry_sealed_whole check ((chain_position is null) = (hash is null) and (hash is null) = (prev_hash is null));
create unique index entry_chain_position on audit.entry (chain_position) where chain_position is not null;
create index entry_unsealed on audit.entry (occurred_at, id) where hash is null;
-- The audit page filters by actor and by time.
create index entry_actor on audit.entry (actor, occurred_at desc);

-- Append-only, except the one-time seal: the chain columns go from empty to set and nothing else changes.
create or replace function audit.forbid_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
       and (new.id, new.occurred_at, new.actor, new.action, new.object_type, new.object_id, new.before, new.after, new.request_id)
           is not distinct from
           (old.id, old.occurred_at, old.actor, old.action, old.object_type, old.object_id, old.before, old.after, old.request_id) then
        return new;
    end if;
    raise exception 'audit entries are append-only (% refused)', tg_op using errcode = '42501';
end $$;

-- Results of verifying the chain (daily job and on demand): the head that was checked and the first broken link.
create table audit.verification (
    id               uuid primary key,
    seq              bigint generated always as identity unique,
    checked_at       timestamptz not null,
    checked_by       text        not null,
    entries_checked  bigint      not null,
    head_position    bigint,
    head_hash        char(64),
    unsealed         bigint      not null,
    broken_position  bigint,
    broken_entry_id  uuid,
    broken_reason    text
);
