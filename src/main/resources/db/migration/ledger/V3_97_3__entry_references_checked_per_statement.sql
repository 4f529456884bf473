-- Issue 15: an entry's references to its transfer and its account are checked once per statement, not per row.
-- The two foreign keys of ledger.entry checked each entry with an index probe AND a row lock (FOR KEY SHARE, WAL-logged)
-- on its transfer and its account; a compensation chunk writes ≈ 7,000 entries, so 14,000 row locks, and chunks posting
-- to one merchant's escrow, advance and receivable took shared locks on the same account rows side by side (a new
-- multixact per locker). The lock only guards against the referenced row being deleted or its key changed, and
-- accounts and transfers are append-only (row triggers refuse update and delete, statement triggers truncate,
-- V3_0_1), so the lock guards nothing here. What remains of the keys — the transfer and the account (in the entry's
-- currency) exist — is checked by the entries' statement trigger (V3_61_1) with the transfers it already probes, and
-- one set-based look-up of the accounts. The same for single and bulk postings.
alter table ledger.entry drop constraint entry_transfer_id_fkey;
alter table ledger.entry drop constraint entry_account;

create or replace function ledger.check_inserted_entries_balanced() returns trigger language plpgsql as $$
declare
    transfer uuid;
    lines bigint;
    unbalanced text;
    missing record;
begin
    -- every entry names an account of its currency (was the foreign key entry_account): one index probe per distinct
    -- account (lateral, so a nested loop whatever the planner thinks of the transition table), no row locks
    select i.account_id, i.currency into missing
      from (select distinct account_id, currency from inserted) i
      left join lateral (select a.id from ledger.account a
                          where a.id = i.account_id and a.currency = i.currency limit 1) a on true
     where a.id is null
     limit 1;
    if found then
        raise exception 'ledger entry names account % in %, which does not exist', missing.account_id, missing.currency
            using errcode = '23503';
    end if;
    -- one index probe per touched transfer (lateral), whatever the planner thinks of the transition table's size; a
    -- transfer id without a header row is refused (was the foreign key entry_transfer_id_fkey)
    select i.transfer_id, sum(s.n), string_agg(s.currency || ' ' || s.total, ', ') filter (where s.total <> 0)
      into transfer, lines, unbalanced
      from (select distinct transfer_id from inserted) i
      cross join lateral (select e.currency, count(*) as n, sum(e.amount_minor) as total
                            from ledger.entry e where e.transfer_id = i.transfer_id group by e.currency) s
     group by i.transfer_id
    having sum(s.n) < 2 or bool_or(s.total <> 0)
        or not exists (select 1 from ledger.transfer t where t.id = i.transfer_id)
     limit 1;
    if transfer is null then
        return null;
    end if;
    if not exists (select 1 from ledger.transfer t where t.id = transfer) then
        raise exception 'ledger entries name transfer %, which does not exist', transfer using errcode = '23503';
    end if;
    if lines < 2 then
        raise exception 'ledger transfer % has % entries; at least two are required', transfer, lines using errcode = '23514';
    end if;
    raise exception 'ledger transfer % does not balance: %', transfer, unbalanced using errcode = '23514';
end $$;
