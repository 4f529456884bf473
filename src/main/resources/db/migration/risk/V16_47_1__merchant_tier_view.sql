-- Published for the oversight module's quarterly statements: each rated merchant's tier as shown (an operator's
-- override while it lasts, else the tier with hysteresis).
create view risk.merchant_tier as
    select merchant_id, case when override_tier is not null and override_until > now() then override_tier else tier end as tier
      from risk.tier_state;
