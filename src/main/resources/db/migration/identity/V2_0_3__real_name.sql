-- Real-name verification of consumers. The resident ID number is never stored in clear: a masked form for display
-- and an HMAC (server key) to recognise the same number on another account.
create table identity.real_name (
    user_id          uuid primary key references identity.user_account (id),
    full_name        text        not null,
    id_number_masked char(18)    not null,
    id_number_hmac   char(64)    not null unique,
    verified_at      timestamptz not null
);
