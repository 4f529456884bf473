-- Quarterly statements (issue #11): one row per merchant and quarter, written once by the job after the quarter ends
-- (a second run, or a second instance, inserts nothing). The per-region report sums these rows by region prefix.
-- Flows (sold, redeemed, refunded, complaints) are over the quarter's Asia/Shanghai days; positions (outstanding,
-- escrow, advance, deposit) are the merchant's last daily balance snapshot in the quarter; tier as rated then. CNY, fen.
create table oversight.quarterly_statement (
    quarter           char(6)  not null check (quarter ~ '^[0-9]{4}Q[1-4]$'),
    merchant_id       uuid     not null,
    region_code       char(6)  not null,
    sector            text     not null,
    legal_name        text     not null,
    sold_minor        bigint   not null,
    redeemed_minor    bigint   not null,
    refunds           bigint   not null,
    refunded_minor    bigint   not null,
    outstanding_minor bigint   not null,
    escrow_minor      bigint   not null,
    advance_minor     bigint   not null,
    deposit_minor     bigint   not null,
    complaints        bigint   not null,
    tier              text     check (tier in ('A', 'B', 'C', 'D')),
    primary key (quarter, merchant_id)
);
create index quarterly_statement_scope on oversight.quarterly_statement (quarter, region_code bpchar_pattern_ops, sector);
create index quarterly_statement_merchant on oversight.quarterly_statement (merchant_id, quarter desc);

-- Which quarters were generated and when (the job catches up every quarter after the first one it saw).
create table oversight.quarterly_run (
    quarter      char(6)     primary key,
    merchants    bigint      not null,
    generated_at timestamptz not null
);
