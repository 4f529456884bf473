-- Issue 13, item 3: a purchase whose payment arrived after the consumer's cap was reached (or lowered) issues no card:
-- it ends REFUSED and the payment is refunded in full. Pending purchases count towards the cap, read per consumer and
-- merchant.
alter table card.purchase drop constraint purchase_status_check;
alter table card.purchase add constraint purchase_status_check
    check (status in ('PENDING_PAYMENT', 'PAID', 'EXPIRED', 'FAILED', 'REFUSED'));
create index purchase_pending_consumer_merchant on card.purchase (consumer_id, merchant_id) where status = 'PENDING_PAYMENT';
