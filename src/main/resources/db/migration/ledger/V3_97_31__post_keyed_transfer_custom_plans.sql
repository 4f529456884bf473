-- Issue 15: ledger.post_keyed_transfer plans its statements for the call's own arguments. After five calls PL/pgSQL
-- may switch a statement to a cached generic plan; for the account look-up from the unnest of the line arrays that
-- plan was a hash join over the whole ledger.account table (seen with auto_explain, session 9), a cost that grows with
-- every card sold: 3,300 buffer hits per redeem at 8 clients and 22,000 at 32 on a bench database of 1,630 accounts.
-- A custom plan probes the (type, owner_id, currency) and balance keys by index whatever the table's size.
alter function ledger.post_keyed_transfer(uuid, text, text, timestamptz, char(3), text[], uuid[], boolean[], bigint[],
                                          text[], int)
    set plan_cache_mode = force_custom_plan;
