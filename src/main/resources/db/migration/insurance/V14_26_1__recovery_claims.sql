-- A claim that paid consumers directly (trigger MEDIATION_FAILED, the Kaifeng model) leaves the insurer a recovery
-- claim against the merchant for what it approved: one per claim, recorded with the decision.
create table insurance.recovery_claim (
    claim_id      uuid        primary key references insurance.claim (id),
    insurer_id    uuid        not null,
    merchant_id   uuid        not null,
    currency      char(3)     not null,
    amount_minor  bigint      not null check (amount_minor > 0),
    recorded_at   timestamptz not null
);
create index recovery_claim_merchant on insurance.recovery_claim (merchant_id);
