-- Issue 13, item 12: a merchant whose payout the bank returned corrects its settlement account; the change waits for
-- an operator's approval (dual control: the owner proposes, an operator decides) and only then replaces the account.
create table merchant.settlement_account_change (
    id             uuid primary key,
    merchant_id    uuid        not null references merchant.merchant (id),
    account_name   text        not null check (length(account_name) between 1 and 100),
    bank_name      text        not null check (length(bank_name) between 1 and 100),
    account_number text        not null check (account_number ~ '^[0-9]{8,32}$'),
    status         text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_by   uuid        not null,
    requested_at   timestamptz not null,
    decided_by     uuid,
    decided_at     timestamptz,
    reason         text check (length(reason) <= 500),
    check ((status = 'PENDING') = (decided_by is null)),
    check (decided_by is null or decided_by <> requested_by)
);
create unique index settlement_account_change_one_pending on merchant.settlement_account_change (merchant_id)
    where status = 'PENDING';
create index settlement_account_change_merchant on merchant.settlement_account_change (merchant_id, requested_at desc);
