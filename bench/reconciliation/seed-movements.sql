-- Seeds :n escrow movements for the service benchmark: one merchant, its ESCROW account, sub-account FXB0000000001,
-- and :n funding transfers (Dr ESCROW / Cr CONSUMER_FUNDS_CLEARING), posting key bench:<n> (a valid end-to-end id),
-- amount 100 + (n * 7919 mod 100000) fen, posted at 10:00 Shanghai on 2026-03-01 + (n mod 28) days plus n mod 3600 s.
-- Bulk load only: triggers are off in this session (replica role), balances are written to match the entries.
set session_replication_role = replica;
begin;
insert into ledger.account (id, type, owner_id, currency, normal_side, non_negative, opened_at)
values ('00000000-0000-7000-8000-00000000b001', 'ESCROW', '00000000-0000-7000-8000-00000000be01', 'CNY', 'DEBIT', true, '2026-03-01T00:00:00Z'),
       ('00000000-0000-7000-8000-00000000b002', 'CONSUMER_FUNDS_CLEARING', '00000000-0000-7000-8000-00000000be01', 'CNY', 'DEBIT', false, '2026-03-01T00:00:00Z');
insert into bank.custody_sub_account (merchant_id, account_number, assigned_at)
values ('00000000-0000-7000-8000-00000000be01', 'FXB0000000001', '2026-03-01T00:00:00Z');
create temporary table seed as
select g as n, gen_random_uuid() as transfer_id, 100 + (g::bigint * 7919 % 100000) as amount,
       timestamptz '2026-03-01 02:00:00+00' + make_interval(days => g % 28, secs => g % 3600) as posted_at
  from generate_series(1, :n) g;
insert into ledger.transfer (id, posting_key, description, posted_at)
select transfer_id, 'bench:' || n, 'bench funding', posted_at from seed;
insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
select transfer_id, '00000000-0000-7000-8000-00000000b001'::uuid, amount, 'CNY', posted_at from seed
union all
select transfer_id, '00000000-0000-7000-8000-00000000b002'::uuid, -amount, 'CNY', posted_at from seed;
insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
select '00000000-0000-7000-8000-00000000b001'::uuid, 'CNY', 'DEBIT', true, sum(amount), now() from seed
union all
select '00000000-0000-7000-8000-00000000b002'::uuid, 'CNY', 'DEBIT', false, -sum(amount), now() from seed;
commit;
analyze ledger.entry;
analyze ledger.transfer;
