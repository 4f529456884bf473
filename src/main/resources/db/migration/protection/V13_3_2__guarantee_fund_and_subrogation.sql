-- The platform guarantee fund's top-ups, and the subrogation register's movements (recoveries from the merchant or
-- its liquidator, and write-offs). The money is in the ledger (posting keys fund-top-up:, subrogation-recovered:,
-- subrogation-write-off:); these rows keep who, why and the reference.
create table protection.fund_top_up (
    id           uuid        primary key,
    amount_minor bigint      not null check (amount_minor > 0),
    currency     char(3)     not null,
    reference    text        not null,
    recorded_by  text        not null,
    recorded_at  timestamptz not null,
    posting_key  text        not null unique
);
create index fund_top_up_recorded on protection.fund_top_up (recorded_at desc);

create table protection.subrogation_movement (
    id           uuid        primary key,
    case_id      uuid        not null references protection.closure_case (id),
    merchant_id  uuid        not null,
    kind         text        not null check (kind in ('RECOVERY', 'WRITE_OFF')),
    amount_minor bigint      not null check (amount_minor > 0),
    currency     char(3)     not null,
    note         text        not null,
    recorded_by  text        not null,
    recorded_at  timestamptz not null,
    posting_key  text        not null unique
);
create index subrogation_movement_case on protection.subrogation_movement (case_id, recorded_at);
