-- Published for the oversight module's quarterly statements: per merchant, currency and Asia/Shanghai day, the
-- refunds paid out to consumers.
create view refund.merchant_day_refunds as
    select merchant_id, currency, (paid_at at time zone 'Asia/Shanghai')::date as day, count(*) as refunds,
           sum(refund_minor) as refunded_minor
      from refund.refund_request where status = 'PAID' and paid_at is not null
     group by merchant_id, currency, (paid_at at time zone 'Asia/Shanghai')::date;
