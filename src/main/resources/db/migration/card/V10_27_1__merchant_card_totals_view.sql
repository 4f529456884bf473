-- Published for the oversight module's daily balance snapshot (read by the job, never at request time): per merchant
-- and currency, its live (ACTIVE or FROZEN) cards and their unredeemed value. Aggregates only, no consumer identity.
create view card.merchant_card_totals as
    select merchant_id, currency, count(*) as live_cards,
           sum(paid_minor - earned_minor - refunded_minor - transferred_out_minor) as unredeemed_minor
      from card.card
     where status in ('ACTIVE', 'FROZEN')
     group by merchant_id, currency;
