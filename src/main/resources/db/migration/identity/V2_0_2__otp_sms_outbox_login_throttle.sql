-- Demo SMS adapter: messages are written here instead of to a carrier; operators read them on /identity/sms-outbox.
create table identity.sms_outbox (
    id         uuid primary key,
    mobile     text        not null,
    body       text        not null,
    created_at timestamptz not null
);
create index sms_outbox_created_at on identity.sms_outbox (created_at desc);
create index sms_outbox_mobile on identity.sms_outbox (mobile, created_at desc);

-- One-time login codes: only an HMAC of the code is stored; a code dies on use, expiry, a newer code or too many attempts.
create table identity.otp_challenge (
    id         uuid primary key,
    mobile     text        not null check (mobile ~ '^1[3-9][0-9]{9}$'),
    code_hmac  char(64)    not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    attempts   int         not null default 0 check (attempts >= 0),
    closed_at  timestamptz,
    closed_why text        check (closed_why in ('USED', 'SUPERSEDED', 'ATTEMPTS')),
    check ((closed_at is null) = (closed_why is null))
);
create index otp_challenge_mobile on identity.otp_challenge (mobile, created_at desc);

-- Password-login throttle per (normalised) username: recent failures and the current lock.
create table identity.login_failure (
    username  text        not null,
    failed_at timestamptz not null
);
create index login_failure_username on identity.login_failure (username, failed_at);
create table identity.login_lock (
    username     text primary key,
    locked_until timestamptz not null
);
