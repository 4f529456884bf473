-- Published for the card module's purchase check (issue 15; docs/card.md "Sales blocks"; columns as risk.sales_block):
-- an open closure case freezes the merchant's sales, and so does a risk deposit under-covered since the last check.
-- Deposits.maySell reads it too, so the rule is written once.
create view protection.sales_block as
    select merchant_id, 1 as rank, cast(null as date) as blocked_from, 'frozen by closure case ' || id as reason
      from protection.closure_case
     where status <> 'CLEARED'
    union all
    select merchant_id, 2, null,
           'risk deposit under-covered since '
               || to_char(under_covered_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
               || ': lodged ' || case currency when 'CNY' then '¥' else currency || ' ' end
               || to_char(lodged_minor / 100.0, 'FM999,999,999,999,990.00')
               || ' of ' || case currency when 'CNY' then '¥' else currency || ' ' end
               || to_char(required_minor / 100.0, 'FM999,999,999,999,990.00') || ' required'
      from protection.coverage
     where under_covered_since is not null;
