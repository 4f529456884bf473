-- Insurance: insurers and their members, closure-insurance products with rates, policies with a scope and cost
-- sharing, and monthly premium bills. One bill per policy and period: the unique constraint makes a rerun a no-op.
create schema if not exists insurance;

create table insurance.insurer (
    id          uuid        primary key,
    name        text        not null check (length(name) between 2 and 100),
    licence_no  text        not null unique check (length(licence_no) between 4 and 40),
    created_at  timestamptz not null,
    created_by  text        not null
);

-- An INSURER login (or the system user behind an insurer's API key) belongs to exactly one insurer.
create table insurance.member (
    user_id     uuid        primary key,
    insurer_id  uuid        not null references insurance.insurer (id),
    linked_at   timestamptz not null,
    linked_by   text        not null
);
create index member_insurer on insurance.member (insurer_id);

create table insurance.product (
    id                          uuid        primary key,
    insurer_id                  uuid        not null references insurance.insurer (id),
    name                        text        not null check (length(name) between 2 and 100),
    triggers                    text[]      not null check (cardinality(triggers) between 1 and 4),
    currency                    char(3)     not null,
    aggregate_limit_minor       bigint      not null check (aggregate_limit_minor > 0),
    per_merchant_limit_minor    bigint      not null check (per_merchant_limit_minor > 0),
    per_consumer_limit_minor    bigint      not null check (per_consumer_limit_minor > 0),
    created_at                  timestamptz not null,
    created_by                  text        not null
);
create index product_insurer on insurance.product (insurer_id);

-- Premium rate per sector and risk tier, in basis points of insured exposure per year.
create table insurance.product_rate (
    product_id  uuid     not null references insurance.product (id),
    sector      text     not null check (sector in ('EDUCATION','SPORTS_FITNESS','BEAUTY','CATERING','RETAIL','OTHER_SERVICES')),
    tier        text     not null check (tier in ('A','B','C')),
    rate_bps    int      not null check (rate_bps between 0 and 10000),
    primary key (product_id, sector, tier)
);

create table insurance.policy (
    id                  uuid        primary key,
    policy_number       text        not null unique,
    product_id          uuid        not null references insurance.product (id),
    insurer_id          uuid        not null references insurance.insurer (id),
    scope               text        not null check (scope in ('MERCHANT','GROUP','REGION')),
    merchant_ids        uuid[]      not null,
    region_code         text        check (region_code ~ '^[1-9][0-9]{5}$'),
    policyholder        text        not null check (length(policyholder) between 2 and 100),
    starts_on           date        not null,
    ends_on             date        not null,
    merchant_share_bps  int         not null check (merchant_share_bps between 0 and 10000),
    platform_share_bps  int         not null check (platform_share_bps between 0 and 10000),
    government_share_bps int        not null check (government_share_bps between 0 and 10000),
    created_at          timestamptz not null,
    created_by          text        not null,
    check (merchant_share_bps + platform_share_bps + government_share_bps = 10000),
    check (ends_on >= starts_on),
    check ((scope = 'REGION') = (region_code is not null)),
    check (scope = 'REGION' or cardinality(merchant_ids) >= 1)
);
create index policy_insurer on insurance.policy (insurer_id);
create index policy_merchants on insurance.policy using gin (merchant_ids);

create table insurance.premium_bill (
    id                  uuid        primary key,
    policy_id           uuid        not null references insurance.policy (id),
    insurer_id          uuid        not null,
    period              text        not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    currency            char(3)     not null,
    premium_minor       bigint      not null check (premium_minor >= 0),
    merchant_share_minor bigint     not null check (merchant_share_minor >= 0),
    platform_share_minor bigint     not null check (platform_share_minor >= 0),
    government_share_minor bigint   not null check (government_share_minor >= 0),
    merchant_due_minor  bigint      not null check (merchant_due_minor >= 0),
    billed_at           timestamptz not null,
    billed_by           text        not null,
    unique (policy_id, period),
    check (merchant_share_minor + platform_share_minor + government_share_minor = premium_minor)
);
create index premium_bill_insurer on insurance.premium_bill (insurer_id, period desc);

create table insurance.premium_bill_line (
    bill_id             uuid    not null references insurance.premium_bill (id),
    merchant_id         uuid    not null,
    sector              text    not null,
    tier                text    not null,
    rate_bps            int     not null,
    exposure_minor      bigint  not null check (exposure_minor >= 0),
    insured_minor       bigint  not null check (insured_minor >= 0),
    premium_minor       bigint  not null check (premium_minor >= 0),
    merchant_share_minor bigint not null check (merchant_share_minor >= 0),
    platform_share_minor bigint not null check (platform_share_minor >= 0),
    government_share_minor bigint not null check (government_share_minor >= 0),
    merchant_status     text    not null check (merchant_status in ('POSTED','DUE','NONE')),
    primary key (bill_id, merchant_id),
    check (merchant_share_minor + platform_share_minor + government_share_minor = premium_minor)
);
