-- The risk module: external feeds (files, records, corrections, quarantine), activity collected from our own books,
-- scores with their factors, tiers with hysteresis, consequence table and ratio floors, terms per merchant, alerts.
-- Merchant ids refer to merchant.merchant (no FK across schemas). Amounts in fen (CNY).
create schema if not exists risk;

create table risk.feed_file (
    id           uuid primary key,
    sha256       char(64)    not null unique,
    provider     text        not null,
    channel      text        not null check (channel in ('PUSH', 'UPLOAD', 'FOLDER')),
    file_name    text        not null,
    format       text        not null check (format in ('CSV', 'JSON')),
    records      int         not null check (records >= 0),
    imported     int         not null check (imported >= 0),
    unchanged    int         not null check (unchanged >= 0),
    corrected    int         not null check (corrected >= 0),
    quarantined  int         not null check (quarantined >= 0),
    received_at  timestamptz not null,
    received_by  text        not null
);
create index feed_file_received on risk.feed_file (received_at desc, id desc);

-- The current content of every record (key: credit code, type, period, reference); corrections keep the old content.
-- arrival orders records that arrived at the same instant (a correction arrives anew).
create sequence risk.feed_arrival;
create table risk.feed_record (
    id           uuid primary key,
    merchant_id  uuid        not null,
    credit_code  char(18)    not null,
    type         text        not null,
    period       text        not null,
    period_start date        not null,
    value        bigint      check (value >= 0),
    status       text,
    reference    text        not null default '',
    note         text        not null default '',
    provider     text        not null,
    file_id      uuid        not null references risk.feed_file (id),
    line         int         not null,
    received_at  timestamptz not null,
    version      int         not null default 1,
    arrival      bigint      not null default nextval('risk.feed_arrival'),
    unique (credit_code, type, period, reference)
);
create index feed_record_merchant on risk.feed_record (merchant_id, type, period_start);

create table risk.feed_correction (
    id          uuid primary key,
    record_id   uuid        not null references risk.feed_record (id),
    version     int         not null,
    value       bigint,
    status      text,
    note        text        not null,
    provider    text        not null,
    file_id     uuid        not null references risk.feed_file (id),
    line        int         not null,
    replaced_at timestamptz not null,
    unique (record_id, version)
);

-- Records naming a credit code no merchant has: held with the reason until released or discarded.
create table risk.quarantine (
    id           uuid primary key,
    file_id      uuid        not null references risk.feed_file (id),
    line         int         not null,
    credit_code  char(18)    not null,
    type         text        not null,
    period       text        not null,
    period_start date        not null,
    value        bigint,
    status       text,
    reference    text        not null,
    note         text        not null,
    reason       text        not null,
    provider     text        not null,
    received_at  timestamptz not null,
    resolved_at  timestamptz,
    resolution   text        check (resolution in ('RELEASED', 'DISCARDED')),
    resolved_by  text,
    check ((resolved_at is null) = (resolution is null))
);
create unique index quarantine_open_key on risk.quarantine (credit_code, type, period, reference) where resolved_at is null;
create index quarantine_received on risk.quarantine (received_at desc, id desc);

-- Our own books per merchant and day (Asia/Shanghai days), collected nightly from card, refund and protection.
create table risk.activity_day (
    merchant_id      uuid   not null,
    day              date   not null,
    sales_count      int    not null default 0,
    sales_minor      bigint not null default 0,
    redemptions      int    not null default 0,
    redemption_minor bigint not null default 0,
    refund_requests  int    not null default 0,
    closure_reports  int    not null default 0,
    primary key (merchant_id, day)
);
create index activity_day_day on risk.activity_day (day);

-- How far each collected source is complete (the collector catches up from here).
create table risk.collection (
    source            text primary key,
    collected_through date not null
);

-- Complaints from the platform's complaint module (one row per complaint, so redelivered events count once).
create table risk.complaint (
    complaint_id uuid primary key,
    merchant_id  uuid not null,
    filed_on     date not null,
    upheld_on    date
);
create index complaint_merchant on risk.complaint (merchant_id, filed_on);

-- Balances per merchant as of the last collection.
create table risk.position (
    merchant_id           uuid primary key,
    prepaid_balance_minor bigint      not null,
    live_cards            bigint      not null,
    advance_minor         bigint      not null,
    deposit_minor         bigint      not null,
    insured_cover_minor   bigint      not null,
    as_of                 date        not null,
    collected_at          timestamptz not null
);

-- Factor weights per sector ('*' = all): append-only versions; no row = the factor's default (docs/risk.md).
create table risk.factor_weight (
    id         uuid primary key,
    sector     text        not null check (sector = '*' or sector ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    factor     text        not null,
    version    int         not null check (version >= 1),
    weight     int         not null check (weight between 0 and 100),
    ok_at      bigint      not null,
    bad_at     bigint      not null check (bad_at <> ok_at),
    reason     text        not null,
    created_at timestamptz not null,
    created_by text        not null,
    unique (sector, factor, version)
);

-- A merchant's tier with its hysteresis, the last score, the badge and an operator override.
create table risk.tier_state (
    merchant_id     uuid primary key,
    region_code     char(6)     not null,
    sector          text        not null,
    tier            text        not null check (tier in ('A', 'B', 'C', 'D')),
    tier_since      date        not null,
    up_since        date,
    up_to           text        check (up_to in ('A', 'B', 'C')),
    raw_tier        text        not null check (raw_tier in ('A', 'B', 'C', 'D')),
    score_centi     int         not null check (score_centi between 0 and 10000),
    scored_on       date        not null,
    scored_at       timestamptz not null,
    badge_since     date,
    at_threshold    text[]      not null default '{}',
    override_tier   text        check (override_tier in ('A', 'B', 'C', 'D')),
    override_reason text,
    override_until  timestamptz,
    override_by     text,
    check ((up_since is null) = (up_to is null)),
    check ((override_tier is null) = (override_until is null))
);
create index tier_state_tier on risk.tier_state (tier, sector, region_code);

-- One score per merchant and day (a rescore on an event replaces the day's), with every factor as the page shows it.
create table risk.score (
    merchant_id uuid    not null,
    scored_on   date    not null,
    score_centi int     not null check (score_centi between 0 and 10000),
    raw_tier    text    not null,
    tier        text    not null,
    factors     jsonb   not null,
    primary key (merchant_id, scored_on)
);

-- The consequence table: region × sector × tier, append-only versions, null = inherit (docs/risk.md).
create table risk.consequence (
    id                   uuid primary key,
    region_code          text        not null check (region_code = '*' or region_code ~ '^[1-9][0-9]{5}$'),
    sector               text        not null check (sector = '*' or sector ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    tier                 text        not null check (tier in ('A', 'B', 'C', 'D')),
    version              int         not null check (version >= 1),
    supervision_ratio_bp int         check (supervision_ratio_bp between 0 and 10000),
    advance_cap_minor    bigint      check (advance_cap_minor >= 0),
    deposit_share_bp     int         check (deposit_share_bp between 0 and 10000),
    insurance_tier       text        check (insurance_tier in ('A', 'B', 'C')),
    settlement_frequency text        check (settlement_frequency in ('DAILY', 'WEEKLY')),
    payout_day           text        check (payout_day in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY')),
    sales_blocked        boolean,
    source               text        not null check (length(source) > 0),
    created_at           timestamptz not null,
    created_by           text        not null,
    unique (region_code, sector, tier, version),
    check (payout_day is null or settlement_frequency = 'WEEKLY'),
    check (settlement_frequency is distinct from 'WEEKLY' or payout_day is not null)
);

-- Rules that raise the ratio or stop sales whatever the tier (domain.md §4); retired, never deleted.
create table risk.ratio_floor (
    id                   uuid primary key,
    region_code          text        not null check (region_code = '*' or region_code ~ '^[1-9][0-9]{5}$'),
    sector               text        not null check (sector = '*' or sector ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    condition            text        not null check (condition in ('ALWAYS', 'BALANCE_AT_LEAST', 'BALANCE_ABOVE',
                                                                   'YOUNGER_THAN_MONTHS', 'BALANCE_ABOVE_REVENUE_SHARE_BP')),
    threshold            bigint      not null check (threshold >= 0),
    supervision_ratio_bp int         check (supervision_ratio_bp between 0 and 10000),
    sales_blocked        boolean     not null,
    source               text        not null check (length(source) > 0),
    created_at           timestamptz not null,
    created_by           text        not null,
    retired_at           timestamptz,
    check (supervision_ratio_bp is not null or sales_blocked)
);

-- What each rated merchant may do now (read by the ports of card, catalog, protection, insurance, settlement).
create table risk.terms (
    merchant_id          uuid primary key,
    tier                 text        not null,
    supervision_ratio_bp int         not null check (supervision_ratio_bp between 0 and 10000),
    advance_cap_minor    bigint      check (advance_cap_minor >= 0),
    deposit_share_bp     int         check (deposit_share_bp between 0 and 10000),
    insurance_tier       text        check (insurance_tier in ('A', 'B', 'C')),
    settlement_frequency text,
    payout_day           text,
    sales_blocked        boolean     not null,
    block_source         text,
    sources              jsonb       not null,
    computed_at          timestamptz not null
);

create table risk.alert (
    id                   uuid primary key,
    merchant_id          uuid        not null,
    kind                 text        not null check (kind in ('TIER_DROP', 'FACTOR_THRESHOLD', 'LIST_HIT')),
    subject              text        not null,
    from_tier            text,
    to_tier              text,
    factor               text,
    region_code          char(6)     not null,
    sector               text        not null,
    raised_at            timestamptz not null,
    acknowledge_by       timestamptz not null,
    acknowledged_at      timestamptz,
    acknowledged_by      text,
    acknowledgement_note text,
    dedup_key            text        not null unique
);
create index alert_open on risk.alert (raised_at desc, id desc) where acknowledged_at is null;
create index alert_merchant on risk.alert (merchant_id, raised_at desc);

create or replace function risk.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'table versions are immutable (% refused); insert a new version', tg_op using errcode = '42501';
end $$;
create trigger consequence_immutable before update or delete on risk.consequence
    for each row execute function risk.forbid_change();
create trigger factor_weight_immutable before update or delete on risk.factor_weight
    for each row execute function risk.forbid_change();
