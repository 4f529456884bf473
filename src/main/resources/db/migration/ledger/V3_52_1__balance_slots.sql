-- Striped balances (issue 15, docs/ledger.md "Balances"): an account that busy transactions only move away from its
-- floor (a merchant's payable and escrow grow with every redemption and purchase; the consumer funds clearing account
-- has no floor) keeps, besides its main row in ledger.balance, a few slot rows here. A posting line that cannot take
-- the account below zero adds to one free slot (picked with SKIP LOCKED) instead of locking the main row, so two
-- redemptions at one merchant do not wait on each other. A line that could (a debit of a payable, a payout of escrow)
-- locks the main row and every slot and folds the slots into the main row first, so floors are checked on the whole
-- balance as before. The balance of an account = its main row + the sum of its slots (view ledger.balance_total);
-- the fold moves amounts between rows of one account and never changes that sum.
create table ledger.balance_slot (
    account_id    uuid        not null references ledger.account (id),
    slot          smallint    not null check (slot >= 0),
    currency      char(3)     not null,
    normal_side   text        not null,
    non_negative  boolean     not null,
    balance_minor bigint      not null,
    updated_at    timestamptz not null,
    primary key (account_id, slot),
    -- A slot of a constrained account only ever receives movements away from the floor, so it is never below zero.
    constraint balance_slot_not_negative check (
        not non_negative or (case normal_side when 'DEBIT' then balance_minor else -balance_minor end) >= 0)
);
create trigger balance_slot_no_delete before delete on ledger.balance_slot
    for each row execute function ledger.forbid_change();
create trigger balance_slot_no_truncate before truncate on ledger.balance_slot
    for each statement execute function ledger.forbid_change();

-- Eight slots for the existing striped accounts (AccountType.balanceSlots; new accounts get theirs when opened).
insert into ledger.balance_slot (account_id, slot, currency, normal_side, non_negative, balance_minor, updated_at)
select a.id, s.slot, a.currency, a.normal_side, a.non_negative, 0, now()
  from ledger.account a cross join generate_series(0, 7) as s(slot)
 where a.type in ('MERCHANT_PAYABLE', 'ESCROW', 'CONSUMER_FUNDS_CLEARING');

-- An account's balance: the main row plus its slots. Readers use this, never ledger.balance alone.
create view ledger.balance_total as
    select b.account_id, b.currency, b.normal_side, b.non_negative,
           b.balance_minor + coalesce((select sum(s.balance_minor) from ledger.balance_slot s
                                        where s.account_id = b.account_id), 0)::bigint as balance_minor
      from ledger.balance b;

create or replace view ledger.owner_balance as
    select a.type, a.owner_id, a.currency,
           case b.normal_side when 'DEBIT' then b.balance_minor else -b.balance_minor end as normal_balance_minor
      from ledger.account a
      join ledger.balance_total b on b.account_id = a.id;
