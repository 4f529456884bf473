-- Published for the card module's purchase check (issue 15; docs/card.md "Sales blocks"): why a merchant may not sell
-- prepaid cards now, one row per reason. Every module that can stop sales publishes a view named sales_block with these
-- columns; the card module reads their union in one query. blocked_from: the first day (Asia/Shanghai) the block
-- applies, null = now. rank orders a module's reasons (the first one is shown).
create view risk.sales_block as
    select merchant_id, 1 as rank, cast(null as date) as blocked_from,
           'risk tier ' || tier || coalesce(' (' || block_source || ')', '') as reason
      from risk.terms
     where sales_blocked;
