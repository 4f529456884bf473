-- Issue 10 item 4: an insurer that paid a consumer directly (a mediation-failed claim) paid in place of the card's
-- value. The card is held (FROZEN) and each paid claim line is recorded once here, so a refund, an agreed refund or a
-- redemption can no longer pay the same value a second time. Insert-only; one row per claim and card.
create table card.insurer_hold (
    card_id     uuid        not null references card.card (id),
    claim_id    uuid        not null,
    currency    char(3)     not null,
    paid_minor  bigint      not null check (paid_minor > 0),
    held_at     timestamptz not null,
    primary key (card_id, claim_id)
);
