-- Issue 10: subrogation. When the insurer pays a held card's holder (a mediation-failed claim), the card's value up to
-- what was paid passes to the insurer: it leaves CARD_LIABILITY and escrow. The card counts that value as refunded
-- (the holder received it, from the insurer); this row records the split, once per claim and card (a retried payment
-- finds it and moves nothing). Insert-only.
create table card.insurer_subrogation (
    card_id             uuid        not null references card.card (id),
    claim_id            uuid        not null,
    currency            char(3)     not null,
    subrogated_minor    bigint      not null check (subrogated_minor >= 0),
    clawed_minor        bigint      not null check (clawed_minor >= 0),
    unrecovered_minor   bigint      not null check (unrecovered_minor >= 0),
    remaining_minor     bigint      not null check (remaining_minor >= 0),
    subrogated_at       timestamptz not null,
    primary key (card_id, claim_id)
);
