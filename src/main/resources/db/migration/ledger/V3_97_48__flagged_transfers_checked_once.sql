-- Issue 15 (session 10): a transfer flagged entries_in_statement is checked for balance once per statement, not twice.
-- Its header and entries come in one statement, so the entries' statement trigger (V3_97_3) already sums each of its
-- transfers (at least two lines, zero in every currency) in that same statement. The transfers' statement trigger
-- (V3_90_1) summed them again; it now only refuses a flagged transfer that got no entry at all in its statement, which
-- the entries' trigger cannot see: one index probe per flagged transfer instead of a grouped sum.
create or replace function ledger.check_inserted_transfers_balanced() returns trigger language plpgsql as $$
declare
    transfer uuid;
begin
    select i.id into transfer
      from inserted i
     where i.entries_in_statement
       and not exists (select 1 from ledger.entry e where e.transfer_id = i.id)
     limit 1;
    if transfer is null then
        return null;
    end if;
    raise exception 'ledger transfer % has 0 entries; at least two are required', transfer using errcode = '23514';
end $$;
