-- Issue 15: the "transfers balance" check without one trigger call per entry. V3_0_1 re-checked a transfer's balance at
-- commit once per transfer AND once per entry (two queries each): a bulk posting of 100,000 compensation lines
-- (≈ 9 entries each) ran ≈ 1,100,000 trigger calls at commit. Now
--  * every statement inserting entries checks, once and set-based, that each transfer it touched has at least two
--    entries and balances in every currency right after the statement (the ledger inserts all of a transfer's entries
--    in one statement; an entry added later to any transfer, old or new, is checked the same way);
--  * the deferred per-transfer trigger still runs at commit (one query), so a header without entries is refused.
drop trigger entry_balanced on ledger.entry;

create or replace function ledger.check_transfer_balanced() returns trigger language plpgsql as $$
declare
    lines bigint;
    unbalanced text;
begin
    select coalesce(sum(n), 0), string_agg(currency || ' ' || total, ', ') filter (where total <> 0)
      into lines, unbalanced
      from (select currency, count(*) as n, sum(amount_minor) as total
              from ledger.entry where transfer_id = new.id group by currency) t;
    if lines < 2 then
        raise exception 'ledger transfer % has % entries; at least two are required', new.id, lines using errcode = '23514';
    end if;
    if unbalanced is not null then
        raise exception 'ledger transfer % does not balance: %', new.id, unbalanced using errcode = '23514';
    end if;
    return null;
end $$;

create or replace function ledger.check_inserted_entries_balanced() returns trigger language plpgsql as $$
declare
    transfer uuid;
    lines bigint;
    unbalanced text;
begin
    -- one index probe per touched transfer (lateral), whatever the planner thinks of the transition table's size
    select i.transfer_id, sum(s.n), string_agg(s.currency || ' ' || s.total, ', ') filter (where s.total <> 0)
      into transfer, lines, unbalanced
      from (select distinct transfer_id from inserted) i
      cross join lateral (select e.currency, count(*) as n, sum(e.amount_minor) as total
                            from ledger.entry e where e.transfer_id = i.transfer_id group by e.currency) s
     group by i.transfer_id
    having sum(s.n) < 2 or bool_or(s.total <> 0)
     limit 1;
    if transfer is null then
        return null;
    end if;
    if lines < 2 then
        raise exception 'ledger transfer % has % entries; at least two are required', transfer, lines using errcode = '23514';
    end if;
    raise exception 'ledger transfer % does not balance: %', transfer, unbalanced using errcode = '23514';
end $$;
create trigger entry_balanced_per_statement after insert on ledger.entry
    referencing new table as inserted for each statement execute function ledger.check_inserted_entries_balanced();
