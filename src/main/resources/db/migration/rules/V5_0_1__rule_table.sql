-- The region × sector rule table. Each edit inserts the next version of a row; rows are never updated or deleted,
-- so what applied on any past day can always be shown. Null = not set in this row (inherit; no limit if nowhere set).
create schema if not exists rules;

create table rules.rule_version (
    id                            uuid primary key,
    region_code                   text    not null check (region_code = '*' or region_code ~ '^[1-9][0-9]{5}$'),
    sector                        text    not null check (sector = '*' or sector ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    version                       int     not null check (version >= 1),
    effective_from                date    not null,
    cooling_off_days_min          int     check (cooling_off_days_min >= 0),
    purchase_amount_max_minor     bigint  check (purchase_amount_max_minor > 0),
    session_pack_amount_max_minor bigint  check (session_pack_amount_max_minor > 0),
    period_pass_amount_max_minor  bigint  check (period_pass_amount_max_minor > 0),
    stored_value_max_minor        bigint  check (stored_value_max_minor > 0),
    consumer_total_max_minor      bigint  check (consumer_total_max_minor > 0),
    term_months_max               int     check (term_months_max > 0),
    sessions_max                  int     check (sessions_max > 0),
    supervision_ratio_bp          int     check (supervision_ratio_bp between 0 and 10000),
    real_name_threshold_minor     bigint  check (real_name_threshold_minor > 0),
    refund_fee_cap_bp             int     check (refund_fee_cap_bp between 0 and 10000),
    required_clauses              text[]  not null default '{}',
    banned_phrases                text[]  not null default '{}',
    source                        text    not null check (length(source) > 0),
    created_at                    timestamptz not null,
    created_by                    text    not null,
    unique (region_code, sector, version)
);
create index rule_version_lookup on rules.rule_version (region_code, sector, effective_from desc, version desc);

create or replace function rules.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'rule versions are immutable (% refused); insert a new version', tg_op using errcode = '42501';
end $$;
create trigger rule_version_immutable before update or delete on rules.rule_version
    for each row execute function rules.forbid_change();
