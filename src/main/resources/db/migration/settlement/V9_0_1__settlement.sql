-- Settlement: cycles per sector, runs per settlement date and payouts. One payout (or hold) per merchant, settlement
-- date and currency: the unique constraint is what makes a rerun, or two instances running at once, pay nobody twice.
create schema if not exists settlement;

create table settlement.cycle (
    sector          text        primary key
                    check (sector in ('EDUCATION','SPORTS_FITNESS','BEAUTY','CATERING','RETAIL','OTHER_SERVICES')),
    frequency       text        not null check (frequency in ('DAILY','WEEKLY')),
    payout_weekday  smallint    check (payout_weekday between 1 and 5),
    updated_at      timestamptz not null,
    updated_by      text        not null,
    check ((frequency = 'WEEKLY') = (payout_weekday is not null))
);
-- Defaults (domain.md §4): off-campus education is released per class and settled weekly (Xiamen), on Mondays here;
-- everyone else daily T+1. Operators change them through the API.
insert into settlement.cycle (sector, frequency, payout_weekday, updated_at, updated_by) values
    ('EDUCATION',      'WEEKLY', 1,    timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('SPORTS_FITNESS', 'DAILY',  null, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('BEAUTY',         'DAILY',  null, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('CATERING',       'DAILY',  null, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('RETAIL',         'DAILY',  null, timestamptz '2026-01-01 00:00:00+00', 'seed'),
    ('OTHER_SERVICES', 'DAILY',  null, timestamptz '2026-01-01 00:00:00+00', 'seed');

create table settlement.run (
    id               uuid        primary key,
    settlement_date  date        not null unique,
    created_at       timestamptz not null,
    created_by       text        not null,
    last_run_at      timestamptz not null,
    executions       int         not null check (executions >= 1)
);

create table settlement.payout (
    id                uuid        primary key,
    run_id            uuid        not null references settlement.run (id),
    merchant_id       uuid        not null,
    settlement_date   date        not null,
    currency          char(3)     not null,
    amount_minor      bigint      not null check (amount_minor >= 0),
    held_minor        bigint      not null check (held_minor >= 0),
    hold_reason       text,
    status            text        not null check (status in ('INSTRUCTED','CONFIRMED','RETURNED','HELD')),
    cutoff            timestamptz not null,
    end_to_end_id     text        unique,
    creditor_name     text,
    creditor_bank     text,
    creditor_account  text,
    created_at        timestamptz not null,
    instructed_at     timestamptz,
    submitted_at      timestamptz,
    confirmed_at      timestamptz,
    returned_at       timestamptz,
    return_code       text,
    return_reason     text,
    unique (merchant_id, settlement_date, currency),
    check ((status = 'HELD') = (amount_minor = 0)),
    check (status = 'HELD' or (end_to_end_id is not null and instructed_at is not null and creditor_account is not null)),
    check (status <> 'HELD' or (held_minor > 0 and hold_reason is not null)),
    check ((status = 'CONFIRMED') = (confirmed_at is not null)),
    check ((status = 'RETURNED') = (returned_at is not null and return_code is not null))
);
create index payout_merchant on settlement.payout (merchant_id, settlement_date desc, created_at desc);
create index payout_run on settlement.payout (run_id);
create index payout_status on settlement.payout (status, created_at desc);
create index payout_instructed on settlement.payout (created_at) where status = 'INSTRUCTED';
