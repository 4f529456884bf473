-- The double-entry ledger: accounts, transfers (journal entries) and their entry lines, plus a balance per account.
-- Sign convention: amount_minor is signed, debit positive and credit negative, so every transfer sums to zero per
-- currency and all balances of one currency sum to zero. Transfers, entries and accounts are append-only.
create schema if not exists ledger;

create table ledger.account (
    id           uuid primary key,
    type         text        not null,
    owner_id     uuid,
    currency     char(3)     not null,
    normal_side  text        not null check (normal_side in ('DEBIT', 'CREDIT')),
    non_negative boolean     not null,
    opened_at    timestamptz not null,
    -- One account per chart code, owner and currency: open() is an idempotent ensure.
    constraint account_identity unique nulls not distinct (type, owner_id, currency),
    -- Target of the entries' (account_id, currency) foreign key: an entry is always in its account's currency.
    constraint account_currency unique (id, currency)
);

create table ledger.transfer (
    id          uuid primary key,
    posting_key text        not null,
    description text        not null,
    posted_at   timestamptz not null,
    reverses_id uuid references ledger.transfer (id),
    constraint transfer_posting_key unique (posting_key),
    -- A transfer is reversed at most once; a reversal never reverses itself.
    constraint transfer_reversed_once unique (reverses_id),
    constraint transfer_not_self_reversal check (reverses_id is null or reverses_id <> id)
);

create table ledger.entry (
    id          bigint generated always as identity primary key,
    transfer_id uuid        not null references ledger.transfer (id),
    account_id  uuid        not null,
    amount_minor bigint     not null check (amount_minor <> 0),
    currency    char(3)     not null,
    posted_at   timestamptz not null,
    constraint entry_account foreign key (account_id, currency) references ledger.account (id, currency),
    constraint entry_one_line_per_account unique (transfer_id, account_id)
);
create index entry_account_posted on ledger.entry (account_id, posted_at, id);

-- The current balance (debit positive): not an entry, so it is updated, always under a row lock and in the
-- transaction that inserts the entries; it must equal the sum of the account's entries (checked by the invariants).
create table ledger.balance (
    account_id    uuid primary key references ledger.account (id),
    currency      char(3)     not null,
    normal_side   text        not null,
    non_negative  boolean     not null,
    balance_minor bigint      not null,
    updated_at    timestamptz not null,
    -- Pairs the application's check: a constrained account never goes below zero on its normal side.
    constraint balance_not_negative check (
        not non_negative or (case normal_side when 'DEBIT' then balance_minor else -balance_minor end) >= 0)
);

-- Append-only: posted history is never changed; a correction is a reversing transfer.
create or replace function ledger.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger.% is append-only (% refused); post a reversing transfer instead', tg_table_name, tg_op
        using errcode = '42501';
end $$;
create trigger account_append_only before update or delete on ledger.account
    for each row execute function ledger.forbid_change();
create trigger transfer_append_only before update or delete on ledger.transfer
    for each row execute function ledger.forbid_change();
create trigger entry_append_only before update or delete on ledger.entry
    for each row execute function ledger.forbid_change();
create trigger account_no_truncate before truncate on ledger.account
    for each statement execute function ledger.forbid_change();
create trigger transfer_no_truncate before truncate on ledger.transfer
    for each statement execute function ledger.forbid_change();
create trigger entry_no_truncate before truncate on ledger.entry
    for each statement execute function ledger.forbid_change();
create trigger balance_no_delete before delete on ledger.balance
    for each row execute function ledger.forbid_change();
create trigger balance_no_truncate before truncate on ledger.balance
    for each statement execute function ledger.forbid_change();

-- Re-checked at commit (paired with the Java check before insert): a transfer has at least two entries and its
-- entries sum to zero in every currency.
create or replace function ledger.check_transfer_balanced() returns trigger language plpgsql as $$
declare
    transfer uuid;
    lines int;
    unbalanced text;
begin
    -- Only the taken branch is evaluated, so each table's row type is asked only for its own column.
    if tg_table_name = 'transfer' then
        transfer := new.id;
    else
        transfer := new.transfer_id;
    end if;
    select count(*) into lines from ledger.entry where transfer_id = transfer;
    if lines < 2 then
        raise exception 'ledger transfer % has % entries; at least two are required', transfer, lines
            using errcode = '23514';
    end if;
    select string_agg(currency || ' ' || total, ', ') into unbalanced
      from (select currency, sum(amount_minor) as total from ledger.entry
             where transfer_id = transfer group by currency having sum(amount_minor) <> 0) t;
    if unbalanced is not null then
        raise exception 'ledger transfer % does not balance: %', transfer, unbalanced using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger transfer_balanced after insert on ledger.transfer
    deferrable initially deferred for each row execute function ledger.check_transfer_balanced();
create constraint trigger entry_balanced after insert on ledger.entry
    deferrable initially deferred for each row execute function ledger.check_transfer_balanced();
