-- Striped merchant advance (issue 15, docs/ledger.md "Balances", ADR 13): every redemption of an advanced card lowers
-- the merchant's MERCHANT_ADVANCE, so those redemptions met on its one balance row. The advance now keeps eight slots
-- like the payable; a decrease takes its amount whole from one slot holding enough (each slot keeps the floor, so the
-- sum does), and only when none does it locks the main row and folds. Slots for the advance accounts that exist.
insert into ledger.balance_slot (account_id, slot, currency, normal_side, non_negative, balance_minor, updated_at)
select a.id, s.slot, a.currency, a.normal_side, a.non_negative, 0, now()
  from ledger.account a cross join generate_series(0, 7) as s(slot)
 where a.type = 'MERCHANT_ADVANCE'
on conflict do nothing;
