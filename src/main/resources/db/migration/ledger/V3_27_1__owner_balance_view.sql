-- Published for the oversight module's daily balance snapshot: each owned account's balance on its normal side
-- (an asset's debit balance, a liability's credit balance, both positive when normal), by chart code and owner.
create view ledger.owner_balance as
    select a.type, a.owner_id, a.currency,
           case b.normal_side when 'DEBIT' then b.balance_minor else -b.balance_minor end as normal_balance_minor
      from ledger.account a
      join ledger.balance b on b.account_id = a.id;
