-- Published for the card module's purchase check (issue 15; docs/card.md "Sales blocks"; columns as risk.sales_block):
-- a filing (备案) due or sent back for corrections blocks the merchant's sales from the day after it was due, where the
-- filing rule of its sector (else '*') says so. FilingRepository.blocksSales reads it too.
create view oversight.sales_block as
    select f.merchant_id, 1 as rank, min(f.due_on) + 1 as blocked_from,
           'a filing (备案) with the regulator is overdue' as reason
      from oversight.filing f
      join oversight.filing_rule r on r.sector = coalesce(
           (select sector from oversight.filing_rule where sector = f.sector), '*')
     where f.status in ('DUE', 'CORRECTIONS_REQUESTED') and r.block_when_overdue
     group by f.merchant_id;
