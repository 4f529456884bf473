-- Merchants, their stores and their status history. The owner's login lives in identity (owner_user_id, no FK
-- across schemas). A credit code is registered at most once.
create schema if not exists merchant;

create table merchant.merchant (
    id                        uuid primary key,
    legal_name                text        not null check (length(legal_name) between 2 and 100),
    credit_code               char(18)    not null unique,
    sector                    text        not null check (sector in ('EDUCATION','SPORTS_FITNESS','BEAUTY','CATERING','RETAIL','OTHER_SERVICES')),
    region_code               char(6)     not null check (region_code ~ '^[1-9][0-9]{5}$'),
    status                    text        not null check (status in ('PENDING','REJECTED','ACTIVE','SUSPENDED','CLOSING','CLOSED')),
    dishonest_debtor          boolean     not null default false,
    abnormal_operation        boolean     not null default false,
    deregistering             boolean     not null default false,
    settlement_account_name   text        not null,
    settlement_bank_name      text        not null,
    settlement_account_number text        not null check (settlement_account_number ~ '^[0-9]{8,32}$'),
    contact_mobile            text        not null,
    owner_user_id             uuid        not null,
    applied_at                timestamptz not null,
    status_changed_at         timestamptz not null
);
create index merchant_status on merchant.merchant (status, applied_at desc);
create index merchant_sector on merchant.merchant (sector, applied_at desc);

create table merchant.store (
    id             uuid primary key,
    merchant_id    uuid        not null references merchant.merchant (id),
    name           text        not null check (length(name) between 1 and 100),
    address        text        not null check (length(address) between 1 and 200),
    lease_ends_on  date        not null,
    created_at     timestamptz not null
);
create index store_merchant on merchant.store (merchant_id, created_at);

-- Every transition and flag change; append-only like the audit trail.
create table merchant.status_history (
    id           uuid primary key,
    merchant_id  uuid        not null references merchant.merchant (id),
    event        text        not null,
    from_status  text,
    to_status    text        not null,
    reason       text,
    actor        text        not null,
    occurred_at  timestamptz not null
);
create index status_history_merchant on merchant.status_history (merchant_id, occurred_at, id);
