-- Payment orders, refunds, the callback log and the sandbox gateway's own tables (the provider's side, kept apart:
-- the platform never reads them). Amounts are fen; the provider's ids are text because providers choose them.
create schema if not exists payment;

create table payment.payment_order (
    id                    uuid primary key,
    reference             text        not null unique check (length(reference) between 1 and 200),
    payer_user_id         uuid        not null,
    merchant_id           uuid        not null,
    amount_minor          bigint      not null check (amount_minor > 0),
    currency              char(3)     not null,
    description           text        not null check (length(description) between 1 and 200),
    provider              text        not null,
    provider_order_id     text,
    checkout_url          text,
    status                text        not null check (status in ('PENDING','PAID','EXPIRED','FAILED','PAID_AFTER_EXPIRY')),
    created_at            timestamptz not null,
    expires_at            timestamptz not null,
    paid_at               timestamptz,
    ended_at              timestamptz,
    -- the janitor's last provider query (also its claim, so two instances do not query one order at once)
    checked_at            timestamptz,
    -- refunds requested and not failed: never more than was paid (paired with the facade's check)
    refund_reserved_minor bigint      not null default 0,
    check (refund_reserved_minor >= 0 and refund_reserved_minor <= amount_minor),
    check ((status in ('PAID','PAID_AFTER_EXPIRY')) = (paid_at is not null)),
    check (expires_at > created_at)
);
create index payment_order_pending on payment.payment_order (created_at) where status = 'PENDING';
create index payment_order_status on payment.payment_order (status, created_at);
create unique index payment_order_provider on payment.payment_order (provider, provider_order_id);
create index payment_order_payer on payment.payment_order (payer_user_id, created_at desc);

create table payment.refund (
    id                 uuid primary key,
    payment_order_id   uuid        not null references payment.payment_order (id),
    refund_reference   text        not null unique check (length(refund_reference) between 1 and 200),
    amount_minor       bigint      not null check (amount_minor > 0),
    currency           char(3)     not null,
    reason             text        not null check (length(reason) between 1 and 500),
    status             text        not null check (status in ('REQUESTED','SUBMITTED','SUCCEEDED','FAILED')),
    attempts           int         not null default 0 check (attempts >= 0),
    next_attempt_at    timestamptz,
    last_error         text,
    provider_refund_id text,
    requested_at       timestamptz not null,
    completed_at       timestamptz,
    check ((status in ('SUCCEEDED','FAILED')) = (completed_at is not null)),
    check (status <> 'SUCCEEDED' or provider_refund_id is not null)
);
create index refund_due on payment.refund (next_attempt_at) where status in ('REQUESTED','SUBMITTED');
create index refund_order on payment.refund (payment_order_id, requested_at);

-- Every callback received, whatever its verdict: forged and tampered ones are evidence.
create table payment.callback_log (
    id                uuid primary key,
    received_at       timestamptz not null,
    provider          text        not null,
    payment_order_id  uuid,
    provider_order_id text,
    nonce             text,
    verdict           text        not null,
    detail            text,
    payload           text        not null,
    remote_address    text
);
create index callback_log_order on payment.callback_log (payment_order_id, received_at);
create index callback_log_received on payment.callback_log (received_at desc);

-- One row per event published about a subject (order or refund): the primary key makes a second publication fail.
create table payment.published_event (
    subject_id   uuid        not null,
    kind         text        not null,
    published_at timestamptz not null,
    primary key (subject_id, kind)
);

-- The sandbox gateway (the provider's side).
create table payment.sandbox_order (
    provider_order_id text primary key,
    merchant_order_no uuid        not null unique,
    amount_minor      bigint      not null check (amount_minor > 0),
    currency          char(3)     not null,
    description       text        not null,
    status            text        not null check (status in ('WAITING','PAID','CLOSED')),
    created_at        timestamptz not null,
    expires_at        timestamptz not null,
    paid_at           timestamptz,
    closed_at         timestamptz,
    refunded_minor    bigint      not null default 0,
    check (refunded_minor >= 0 and refunded_minor <= amount_minor)
);

create table payment.sandbox_refund (
    provider_refund_id text primary key,
    provider_order_id  text        not null references payment.sandbox_order (provider_order_id),
    refund_reference   text        not null,
    amount_minor       bigint      not null check (amount_minor > 0),
    currency           char(3)     not null,
    reason             text,
    created_at         timestamptz not null,
    unique (provider_order_id, refund_reference)
);
