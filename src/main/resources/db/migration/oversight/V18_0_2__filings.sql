-- Filings (备案): a merchant files its prepaid business with the regulator of its region and sector when it starts
-- selling and whenever its outstanding prepaid balance crosses a multiple of the threshold in the rule table; the
-- regulator acknowledges or asks for corrections. An overdue filing (due or sent back, past its due day) can block sales.

-- The rule table: one row per sector, or the row with sector '*' for every sector without its own.
create table oversight.filing_rule (
    sector               text    primary key
                         check (sector in ('*','EDUCATION','SPORTS_FITNESS','BEAUTY','CATERING','RETAIL','OTHER_SERVICES')),
    threshold_minor      bigint  not null check (threshold_minor > 0),
    due_days             int     not null check (due_days between 1 and 90),
    block_when_overdue   boolean not null,
    updated_at           timestamptz not null,
    updated_by           text    not null
);
-- Defaults (a stated platform default, not a law): file within 15 days of the first sale and each time the balance
-- passes another ¥500,000; overdue filings block new sales. Education follows the stricter practice of ¥200,000.
insert into oversight.filing_rule values
    ('*', 50000000, 15, true, now(), 'V18_0_2'),
    ('EDUCATION', 20000000, 15, true, now(), 'V18_0_2');

create table oversight.filing (
    id               uuid        primary key,
    merchant_id      uuid        not null,
    region_code      char(6)     not null,
    sector           text        not null,
    trigger          text        not null check (trigger in ('STARTED_SELLING', 'BALANCE_THRESHOLD')),
    -- The balance step that made it due: 0 for the first filing, n for the n-th multiple of the threshold.
    step             int         not null check (step >= 0),
    status           text        not null check (status in ('DUE', 'SUBMITTED', 'ACKNOWLEDGED', 'CORRECTIONS_REQUESTED')),
    due_on           date        not null,
    outstanding_minor bigint     not null,
    products         text,
    escrow_bank      text,
    deposit_note     text,
    insurance_note   text,
    submitted_at     timestamptz,
    submitted_by     text,
    answered_at      timestamptz,
    answered_by      text,
    regulator_note   text,
    created_at       timestamptz not null,
    constraint filing_one_per_step unique (merchant_id, step)
);
create index filing_scope on oversight.filing (region_code bpchar_pattern_ops, sector, status);
create index filing_open on oversight.filing (merchant_id) where status in ('DUE', 'CORRECTIONS_REQUESTED');
