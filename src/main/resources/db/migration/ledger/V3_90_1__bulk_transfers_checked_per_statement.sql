-- Issue 15: the "transfers balance" rule without one deferred trigger call per transfer for bulk postings. V3_61_1
-- left a deferred constraint trigger per transfer at commit (a header without entries is refused): a compensation
-- chunk of 1,000 lines (2,000 transfers) made 2,000 trigger calls at its commit. Now
--  * a transfer inserted with entries_in_statement = true must get its entries in the SAME statement (the bulk path
--    inserts headers and entries in one statement): an after-statement trigger on ledger.transfer checks, once and
--    set-based, that each such transfer has at least two entries and balances in every currency;
--  * every other transfer (single postings, unchanged) keeps the deferred per-transfer check at commit: its WHEN
--    condition is evaluated at insert, so flagged transfers are never queued;
--  * entries added later to any transfer are checked by the entries' statement trigger (V3_61_1), as before.
alter table ledger.transfer add column entries_in_statement boolean not null default false;

create or replace function ledger.check_inserted_transfers_balanced() returns trigger language plpgsql as $$
declare
    transfer uuid;
    lines bigint;
    unbalanced text;
begin
    -- one index probe per flagged transfer (lateral); a transfer without entries yields a row with 0 lines
    select i.id, coalesce(sum(s.n), 0), string_agg(s.currency || ' ' || s.total, ', ') filter (where s.total <> 0)
      into transfer, lines, unbalanced
      from inserted i
      left join lateral (select e.currency, count(*) as n, sum(e.amount_minor) as total
                           from ledger.entry e where e.transfer_id = i.id group by e.currency) s on true
     where i.entries_in_statement
     group by i.id
    having coalesce(sum(s.n), 0) < 2 or bool_or(s.total <> 0)
     limit 1;
    if transfer is null then
        return null;
    end if;
    if lines < 2 then
        raise exception 'ledger transfer % has % entries; at least two are required', transfer, lines using errcode = '23514';
    end if;
    raise exception 'ledger transfer % does not balance: %', transfer, unbalanced using errcode = '23514';
end $$;
create trigger transfer_balanced_per_statement after insert on ledger.transfer
    referencing new table as inserted for each statement execute function ledger.check_inserted_transfers_balanced();

drop trigger transfer_balanced on ledger.transfer;
create constraint trigger transfer_balanced after insert on ledger.transfer
    deferrable initially deferred for each row when (not new.entries_in_statement)
    execute function ledger.check_transfer_balanced();
