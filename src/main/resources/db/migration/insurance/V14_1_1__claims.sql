-- Insurance claims: one per closure case (the unique case_id makes filing idempotent), against the policy that covered
-- the merchant on the closure date, or recorded UNINSURED (no policy: the loss stays a subrogation receivable).
-- Amounts: claimed = the guarantee-fund part the platform paid; covered = what the limits let the insurer be asked
-- for; approved = what the insurer accepted; approved <= covered <= claimed on the claim and on every line.
create table insurance.claim (
    id                  uuid        primary key,
    claim_number        text        not null unique,
    case_id             uuid        not null unique,
    merchant_id         uuid        not null,
    policy_id           uuid        references insurance.policy (id),
    insurer_id          uuid,
    trigger             text        not null check (trigger in ('BANKRUPTCY','LICENCE_REVOKED','CLOSURE_CONFIRMED','MEDIATION_FAILED')),
    closed_on           date        not null,
    policy_year_start   date,
    currency            char(3)     not null,
    claimed_minor       bigint      not null check (claimed_minor > 0),
    covered_minor       bigint      not null check (covered_minor >= 0),
    approved_minor      bigint      not null default 0 check (approved_minor >= 0),
    status              text        not null check (status in ('FILED','UNDER_REVIEW','DECIDED','PAID','UNINSURED')),
    outcome             text        check (outcome in ('APPROVED','PARTLY_APPROVED','REJECTED')),
    uninsured_reason    text        check (uninsured_reason in ('NO_POLICY','TRIGGER_NOT_COVERED','LIMIT_EXHAUSTED')),
    reject_reason       text        check (length(reject_reason) between 2 and 500),
    filed_at            timestamptz not null,
    decided_at          timestamptz,
    decided_by          text,
    paid_at             timestamptz,
    paid_by             text,
    payment_reference   text        check (length(payment_reference) <= 100),
    check (covered_minor <= claimed_minor),
    check (approved_minor <= covered_minor),
    check ((status = 'UNINSURED') = (uninsured_reason is not null)),
    check ((status in ('DECIDED','PAID')) = (outcome is not null)),
    check (status <> 'PAID' or approved_minor > 0),
    check (policy_id is null or (insurer_id is not null and policy_year_start is not null)),
    check (status = 'UNINSURED' or policy_id is not null)
);
create index claim_insurer on insurance.claim (insurer_id, filed_at desc);
create index claim_policy on insurance.claim (policy_id, policy_year_start);

create table insurance.claim_line (
    claim_id            uuid        not null references insurance.claim (id),
    line_no             int         not null check (line_no >= 1),
    card_id             uuid        not null,
    consumer_id         uuid,
    claimed_minor       bigint      not null check (claimed_minor > 0),
    covered_minor       bigint      not null check (covered_minor >= 0),
    cap_reason          text        check (cap_reason in ('PER_CONSUMER_LIMIT','PER_MERCHANT_LIMIT','AGGREGATE_LIMIT','UNINSURED')),
    decision            text        check (decision in ('APPROVED','REDUCED','REJECTED')),
    approved_minor      bigint      check (approved_minor >= 0),
    decision_reason     text        check (length(decision_reason) between 2 and 500),
    decided_by          text,
    decided_at          timestamptz,
    primary key (claim_id, line_no),
    unique (claim_id, card_id),
    check (covered_minor <= claimed_minor),
    check ((covered_minor < claimed_minor) = (cap_reason is not null)),
    check ((decision is null) = (approved_minor is null)),
    check (approved_minor is null or approved_minor <= covered_minor),
    check (decision is null or covered_minor > 0),
    check (decision is distinct from 'APPROVED' or approved_minor = covered_minor),
    check (decision is distinct from 'REDUCED' or (approved_minor > 0 and approved_minor < covered_minor and decision_reason is not null)),
    check (decision is distinct from 'REJECTED' or (approved_minor = 0 and decision_reason is not null))
);
