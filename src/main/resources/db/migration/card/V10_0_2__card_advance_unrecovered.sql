-- Advance a refund could not claw back (payable and deposit too small): the merchant still owes it after the card
-- ended, so it stays in MERCHANT_ADVANCE and the escrow identity counts it per merchant.
alter table card.card add column advance_unrecovered_minor bigint not null default 0
    check (advance_unrecovered_minor >= 0);
