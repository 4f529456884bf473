-- Published for the oversight module's quarterly statements (read by the job, never at request time): per merchant,
-- currency and Asia/Shanghai day, the value sold (paid purchases) and redeemed (redemptions not reversed).
create view card.merchant_day_flows as
    select merchant_id, currency, (paid_at at time zone 'Asia/Shanghai')::date as day,
           sum(amount_minor) as sold_minor, 0::bigint as redeemed_minor
      from card.purchase where status = 'PAID'
     group by merchant_id, currency, (paid_at at time zone 'Asia/Shanghai')::date
    union all
    select merchant_id, currency, (redeemed_at at time zone 'Asia/Shanghai')::date,
           0::bigint, sum(value_minor)
      from card.redemption where status <> 'REVERSED'
     group by merchant_id, currency, (redeemed_at at time zone 'Asia/Shanghai')::date;
