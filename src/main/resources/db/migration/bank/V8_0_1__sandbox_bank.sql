-- The sandbox custodian bank: the bank's own record of the payout instructions it received (the bank's side, not the
-- platform's). The end-to-end id is the bank's idempotency key; a decision is final.
create schema if not exists bank;

create table bank.sandbox_instruction (
    end_to_end_id    text        primary key check (end_to_end_id ~ '^[A-Za-z0-9-]{1,35}$'),
    debtor_account   text        not null,
    creditor_name    text        not null,
    creditor_bank    text        not null,
    creditor_account text        not null check (creditor_account ~ '^[0-9]{8,32}$'),
    amount_minor     bigint      not null check (amount_minor > 0),
    currency         char(3)     not null,
    remittance       text        not null,
    state            text        not null check (state in ('RECEIVED','CONFIRMED','RETURNED')),
    reason_code      text,
    reason_text      text,
    received_at      timestamptz not null,
    decided_at       timestamptz,
    check ((state = 'RECEIVED') = (decided_at is null)),
    check ((state = 'RETURNED') = (reason_code is not null))
);
create index sandbox_instruction_pending on bank.sandbox_instruction (received_at) where state = 'RECEIVED';
create index sandbox_instruction_received on bank.sandbox_instruction (received_at desc, end_to_end_id);

-- A test and demo hook: the next N instructions the bank processes are returned with this reason (one row).
create table bank.sandbox_control (
    id               boolean primary key default true check (id),
    reject_next      int     not null default 0 check (reject_next >= 0),
    reject_code      text    not null default 'MS03',
    reject_text      text    not null default 'Rejected by the sandbox bank (test hook)'
);
insert into bank.sandbox_control (id) values (true);
