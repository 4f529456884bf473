-- Issue 15 (group commit run set-based): many keyed postings in ONE round trip. Each transfer is posted by
-- ledger.post_keyed_transfer (V3_97_29, V3_97_31) exactly as a single redemption posts it — the same account look-up,
-- locks, advance-slot draws and floor checks, in the given order, each transfer its own header, entries and posting
-- key, checked by the per-statement trigger — so the rules cannot drift between the single and the batched path. A
-- transfer that gives up (nothing written, its locks kept) answers no rows and the Java facade finishes it on the
-- general path. The lines of transfer i are p_line_count[i] elements of the line arrays from p_line_start[i] (1-based).
create or replace function ledger.post_keyed_transfers(
    p_transfers uuid[], p_posting_keys text[], p_descriptions text[], p_posted_at timestamptz, p_currencies text[],
    p_line_start int[], p_line_count int[], p_types text[], p_owners uuid[], p_non_negative boolean[],
    p_amounts bigint[], p_drawing text[], p_fallback_slots int[])
returns table (transfer_ord int, entry_id bigint, account_id uuid, amount_minor bigint, balances_updated bigint)
language plpgsql as $$
#variable_conflict use_column
declare
    first_line int;
    last_line int;
begin
    for i in 1 .. coalesce(cardinality(p_transfers), 0) loop
        first_line := p_line_start[i];
        last_line := p_line_start[i] + p_line_count[i] - 1;
        return query
        select i, e.entry_id, e.account_id, e.amount_minor, e.balances_updated
          from ledger.post_keyed_transfer(p_transfers[i], p_posting_keys[i], p_descriptions[i], p_posted_at,
               cast(p_currencies[i] as char(3)), p_types[first_line:last_line], p_owners[first_line:last_line],
               p_non_negative[first_line:last_line], p_amounts[first_line:last_line], p_drawing,
               p_fallback_slots[i]) e;
    end loop;
end $$;
