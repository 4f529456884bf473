-- Issue 10: subrogation. What the card's escrow returned to the insurer when its payment was recorded; the recovery
-- claim against the merchant shrinks by it (outstanding = amount - recovered_from_escrow).
alter table insurance.recovery_claim add column recovered_from_escrow_minor bigint not null default 0
    check (recovered_from_escrow_minor >= 0 and recovered_from_escrow_minor <= amount_minor);
