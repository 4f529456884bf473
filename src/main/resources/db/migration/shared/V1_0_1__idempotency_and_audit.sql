-- Idempotency keys: one row per (scope, key); the response is stored with the command in one transaction.
create schema if not exists idempotency;
create table idempotency.request (
    scope          text        not null,
    key            text        not null,
    request_sha256 char(64)    not null,
    request_body   jsonb       not null,
    status         int,
    response_body  jsonb,
    created_at     timestamptz not null,
    primary key (scope, key)
);
create index request_created_at on idempotency.request (created_at);

-- The audit trail: append-only record of every state change.
create schema if not exists audit;
create table audit.entry (
    id          uuid primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    object_type text        not null,
    object_id   text        not null,
    before      jsonb,
    after       jsonb,
    request_id  text
);
create index entry_object on audit.entry (object_type, object_id, occurred_at desc);
create index entry_occurred_at on audit.entry (occurred_at desc);

create or replace function audit.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only (% refused)', tg_op using errcode = '42501';
end $$;
create trigger entry_append_only before update or delete on audit.entry
    for each row execute function audit.forbid_change();
