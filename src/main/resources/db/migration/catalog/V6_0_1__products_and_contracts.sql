-- Products and their contract versions. A version is immutable (trigger) and carries the SHA-256 of its canonical
-- text, which the database re-checks; the product points at its current version.
create schema if not exists catalog;

create table catalog.product (
    id                 uuid primary key,
    merchant_id        uuid        not null,
    name               text        not null check (length(name) between 1 and 100),
    description        text,
    kind               text        not null check (kind in ('SESSION_PACK', 'PERIOD_PASS', 'STORED_VALUE')),
    status             text        not null check (status in ('ACTIVE', 'WITHDRAWN')),
    currency           char(3)     not null,
    price_minor        bigint      not null check (price_minor > 0),
    list_price_minor   bigint      not null check (list_price_minor >= price_minor),
    face_value_minor   bigint      check (face_value_minor >= price_minor),
    sessions           int         check (sessions > 0),
    term_count         int         not null check (term_count > 0),
    term_unit          text        not null check (term_unit in ('DAYS', 'MONTHS')),
    store_ids          uuid[]      not null check (cardinality(store_ids) between 1 and 20),
    current_version_id uuid        not null,
    version_count      int         not null check (version_count >= 1),
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    row_version        int         not null default 0,
    constraint sessions_only_for_packs check ((kind = 'SESSION_PACK') = (sessions is not null)),
    constraint face_value_only_for_stored_value check ((kind = 'STORED_VALUE') = (face_value_minor is not null))
);
create index product_merchant on catalog.product (merchant_id, created_at desc);
create index product_active on catalog.product (created_at desc) where status = 'ACTIVE';

create table catalog.contract_version (
    id             uuid primary key,
    product_id     uuid        not null references catalog.product (id),
    merchant_id    uuid        not null,
    number         int         not null check (number >= 1),
    content        jsonb       not null,
    canonical_text text        not null,
    content_sha256 char(64)    not null,
    created_at     timestamptz not null,
    created_by     text        not null,
    unique (product_id, number),
    constraint hash_matches_text check (content_sha256 = encode(sha256(convert_to(canonical_text, 'UTF8')), 'hex'))
);

alter table catalog.product add constraint current_version_exists
    foreign key (current_version_id) references catalog.contract_version (id) deferrable initially deferred;

create or replace function catalog.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'contract versions are immutable (% refused); publish a new version', tg_op using errcode = '42501';
end $$;
create trigger contract_version_immutable before update or delete on catalog.contract_version
    for each row execute function catalog.forbid_change();
