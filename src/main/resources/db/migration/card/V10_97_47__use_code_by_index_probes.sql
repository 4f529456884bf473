-- Issue 15 (session 10): a redeem's code use as a function whose statements are index probes whatever the statistics.
-- The statement RedemptionWrites sent read 1,570–4,200 buffers per redeem in some benchmark runs and 22 in others: its
-- cached generic plan was made while the code table was small or its statistics stale (codes are issued in bursts),
-- and kept until the next analyze. Each look-up here is by a key (the code's id, or its short code among the live
-- codes, then the card by id), so index probes are the right plan at any size: like ledger.lock_for_posting
-- (V3_97_47), the function keeps one generic plan per statement, planned without sequential scans, hash or merge joins.
-- Index probes alone were not enough while the function joined code and card: its generic plan, made while the code
-- table was small, drove the update from the merchant's cards (1,262 buffers per redeem in a benchmark run). So the
-- live code is found by its short code (or id) alone, its card's merchant checked by primary key per candidate, and the
-- code updated by its primary key; the update re-checks that the code is still unused.
-- Answers the card of the code it used, or null when no such live code of this merchant exists; a second use of one
-- code waits for the first's update and then finds it used.
create or replace function card.use_code(p_now timestamptz, p_merchant uuid, p_short_code char(6), p_code_id uuid)
returns uuid
language plpgsql
set plan_cache_mode = force_generic_plan set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off
as $$
declare
    code uuid := p_code_id;
    used uuid;
begin
    if code is null then
        select k.id into code
          from card.redemption_code k
         where k.short_code = p_short_code and k.used_at is null and k.expires_at > p_now
           and (select c.merchant_id from card.card c where c.id = k.card_id) = p_merchant
         order by k.issued_at desc
         limit 1;
    end if;
    update card.redemption_code k set used_at = p_now
     where k.id = code and k.used_at is null and k.expires_at > p_now
       and (select c.merchant_id from card.card c where c.id = k.card_id) = p_merchant
    returning k.card_id into used;
    return used;
end $$;
