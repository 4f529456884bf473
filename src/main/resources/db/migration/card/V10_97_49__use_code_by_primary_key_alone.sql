-- Issue 15 (session 10): card.use_code's update could still scan every live code. Its statement named the code by id
-- AND repeated the live conditions (used_at is null, expires_at > now), which the partial index redemption_code_lookup
-- (short_code, expires_at) where used_at is null also answers: with statistics taken while the code table was small,
-- the cached generic plan read that whole index instead of probing the primary key (8,490 buffers per redeem in a
-- 32-client benchmark run on a private cluster with pg_stat_statements; 3 in the run before). Now the code is locked by
-- its primary key alone, the conditions are checked on the locked row, and the update names the primary key alone: no
-- statement leaves the planner another index to choose. A second use of one code waits for the first's lock and then
-- reads the code used (read committed re-reads the locked row), as before.
create or replace function card.use_code(p_now timestamptz, p_merchant uuid, p_short_code char(6), p_code_id uuid)
returns uuid
language plpgsql
set plan_cache_mode = force_generic_plan set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off
as $$
declare
    code uuid := p_code_id;
    code_card uuid;
    code_used_at timestamptz;
    code_expires_at timestamptz;
begin
    if code is null then
        select k.id into code
          from card.redemption_code k
         where k.short_code = p_short_code and k.used_at is null and k.expires_at > p_now
           and (select c.merchant_id from card.card c where c.id = k.card_id) = p_merchant
         order by k.issued_at desc
         limit 1;
        if code is null then
            return null;
        end if;
    end if;
    select k.card_id, k.used_at, k.expires_at into code_card, code_used_at, code_expires_at
      from card.redemption_code k
     where k.id = code
       for update;
    if code_card is null or code_used_at is not null or code_expires_at <= p_now
       or (select c.merchant_id from card.card c where c.id = code_card) is distinct from p_merchant then
        return null;
    end if;
    update card.redemption_code k set used_at = p_now where k.id = code;
    return code_card;
end $$;
