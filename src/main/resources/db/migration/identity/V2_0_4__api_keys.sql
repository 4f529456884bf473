-- API keys of bank and insurer systems: long-lived, shown once, stored as SHA-256 (the key has 256 random bits, so
-- no HMAC is needed); the prefix identifies a key in lists without revealing it.
create table identity.api_key (
    id           uuid primary key,
    user_id      uuid        not null references identity.user_account (id),
    label        text        not null,
    prefix       text        not null,
    key_sha256   char(64)    not null unique,
    created_at   timestamptz not null,
    created_by   uuid        not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_key_user on identity.api_key (user_id);
