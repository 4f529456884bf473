-- Protection: risk deposits. The rule per sector, the deposits lodged and returned (the money itself lives in the
-- ledger: RISK_DEPOSIT / RISK_DEPOSIT_HELD), the last coverage check per merchant (its sales block) and top-up requests.
create schema if not exists protection;

create table protection.deposit_rule (
    sector      text        primary key
                check (sector in ('EDUCATION','SPORTS_FITNESS','BEAUTY','CATERING','RETAIL','OTHER_SERVICES')),
    currency    char(3)     not null,
    floor_minor bigint      not null check (floor_minor >= 0),
    share_bps   int         not null check (share_bps between 0 and 10000),
    updated_at  timestamptz not null,
    updated_by  text        not null
);
-- Defaults (configurable by operators): a floor per sector and 30 % of the advance exposure.
insert into protection.deposit_rule (sector, currency, floor_minor, share_bps, updated_at, updated_by) values
    ('EDUCATION',      'CNY', 1000000, 3000, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('SPORTS_FITNESS', 'CNY',  500000, 3000, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('BEAUTY',         'CNY',  500000, 3000, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('CATERING',       'CNY',  300000, 3000, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('RETAIL',         'CNY',  300000, 3000, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('OTHER_SERVICES', 'CNY',  300000, 3000, timestamptz '2026-01-01 00:00:00+00', 'seed');

create table protection.deposit_movement (
    id            uuid        primary key,
    merchant_id   uuid        not null,
    kind          text        not null check (kind in ('LODGED','RETURNED')),
    currency      char(3)     not null,
    amount_minor  bigint      not null check (amount_minor > 0),
    reference     text        not null,
    posting_key   text        not null unique,
    recorded_at   timestamptz not null,
    recorded_by   text        not null
);
create index deposit_movement_merchant on protection.deposit_movement (merchant_id, recorded_at desc);

-- Result of the last coverage check per merchant; under_covered_since set = sales blocked.
create table protection.coverage (
    merchant_id          uuid        primary key,
    currency             char(3)     not null,
    exposure_minor       bigint      not null,
    insured_cover_minor  bigint      not null,
    required_minor       bigint      not null,
    lodged_minor         bigint      not null,
    under_covered_since  timestamptz,
    checked_at           timestamptz not null
);
create index coverage_under on protection.coverage (under_covered_since) where under_covered_since is not null;

create table protection.top_up_request (
    id              uuid        primary key,
    merchant_id     uuid        not null,
    currency        char(3)     not null,
    shortfall_minor bigint      not null check (shortfall_minor > 0),
    requested_at    timestamptz not null,
    resolved_at     timestamptz
);
-- At most one open request per merchant.
create unique index top_up_request_open on protection.top_up_request (merchant_id) where resolved_at is null;
