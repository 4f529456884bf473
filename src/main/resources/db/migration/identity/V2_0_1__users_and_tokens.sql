create schema if not exists identity;

create table identity.user_account (
    id            uuid primary key,
    username      text        not null unique,
    display_name  text        not null,
    role          text        not null check (role in ('CONSUMER','MERCHANT_OWNER','MERCHANT_STAFF','OPERATOR','BANK','INSURER','REGULATOR','ASSOCIATION')),
    merchant_id   uuid,
    sector        text,
    mobile        text unique,
    enabled       boolean     not null default true,
    password_hash text,
    created_at    timestamptz not null,
    constraint merchant_side_has_merchant check ((role in ('MERCHANT_OWNER','MERCHANT_STAFF')) = (merchant_id is not null))
);
create index user_account_merchant on identity.user_account (merchant_id) where merchant_id is not null;

-- Bearer tokens: only their SHA-256 is stored.
create table identity.access_token (
    token_sha256 char(64) primary key,
    user_id      uuid        not null references identity.user_account (id),
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index access_token_user on identity.access_token (user_id);
