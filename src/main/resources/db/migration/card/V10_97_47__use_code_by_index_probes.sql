-- Issue 15 (session 10): a redeem's code use as a function whose statements are index probes whatever the statistics.
-- The statement RedemptionWrites sent read 1,570–4,200 buffers per redeem in some benchmark runs and 22 in others: its
-- cached generic plan was made while the code table was small or its statistics stale (codes are issued in bursts),
-- and kept until the next analyze. Each look-up here is by a key (the code's id, or its short code among the live
-- codes, then the card by id), so index probes are the right plan at any size: like ledger.lock_for_posting
-- (V3_97_47), the function keeps one generic plan per statement, planned without sequential scans, hash or merge joins.
-- Answers the card of the code it used, or null when no such live code of this merchant exists; a second use of one
-- code waits for the first's update and then finds it used.
create or replace function card.use_code(p_now timestamptz, p_merchant uuid, p_short_code char(6), p_code_id uuid)
returns uuid
language plpgsql
set plan_cache_mode = force_generic_plan set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off
as $$
declare
    used uuid;
begin
    if p_code_id is not null then
        update card.redemption_code k set used_at = p_now
          from card.card c
         where k.id = p_code_id and c.id = k.card_id and c.merchant_id = p_merchant
           and k.used_at is null and k.expires_at > p_now
        returning k.card_id into used;
    else
        update card.redemption_code k set used_at = p_now
          from card.card c
         where c.id = k.card_id and c.merchant_id = p_merchant and k.used_at is null and k.expires_at > p_now
           and k.id = (select k2.id from card.redemption_code k2 join card.card c2 on c2.id = k2.card_id
                        where k2.short_code = p_short_code and k2.used_at is null and k2.expires_at > p_now
                          and c2.merchant_id = p_merchant
                        order by k2.issued_at desc limit 1)
        returning k.card_id into used;
    end if;
    return used;
end $$;
