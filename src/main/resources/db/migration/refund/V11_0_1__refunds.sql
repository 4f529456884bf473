-- Refund requests of cards, notices of coming expiry, and public holidays for the working-day calendar.
create schema if not exists refund;

create table refund.refund_request (
    id                    uuid primary key,
    card_id               uuid        not null,
    holder_user_id        uuid        not null,
    merchant_id           uuid        not null,
    payment_order_id      uuid,
    reason                text        not null check (reason in ('CONSUMER_CHOICE','MERCHANT_CLOSED','MERCHANT_RELOCATED','QUALITY_DROP','EXPIRY')),
    status                text        not null check (status in ('PENDING_MERCHANT','DISPUTED','APPROVED','PAID','PAYMENT_FAILED','NOTHING_DUE','REJECTED','CANCELLED')),
    method                text        not null,
    cooling_off           boolean     not null,
    fee_bp                int         not null check (fee_bp between 0 and 10000),
    currency              char(3)     not null,
    paid_minor            bigint      not null check (paid_minor >= 0),
    unredeemed_minor      bigint      not null check (unredeemed_minor >= 0),
    gross_minor           bigint      not null check (gross_minor >= 0),
    fee_minor             bigint      not null check (fee_minor >= 0),
    refund_minor          bigint      not null check (refund_minor >= 0 and refund_minor <= paid_minor),
    retained_minor        bigint      not null check (retained_minor >= 0),
    requested_at          timestamptz not null,
    requested_on          date        not null,
    contest_deadline      date,
    contest_reason        text check (length(contest_reason) <= 1000),
    contested_by          text,
    contested_at          timestamptz,
    decision_reason       text check (length(decision_reason) <= 1000),
    decided_by            text,
    decided_at            timestamptz,
    approved_at           timestamptz,
    clawed_payable_minor  bigint      not null default 0 check (clawed_payable_minor >= 0),
    clawed_deposit_minor  bigint      not null default 0 check (clawed_deposit_minor >= 0),
    uncovered_minor       bigint      not null default 0 check (uncovered_minor >= 0),
    payment_reference     text unique,
    payment_attempts      int         not null default 0,
    payment_error         text,
    paid_at               timestamptz,
    updated_at            timestamptz not null,
    version               int         not null default 0,
    -- no fen lost or created: what the consumer gets plus what the merchant keeps is the card's unredeemed value
    check (refund_minor + retained_minor = unredeemed_minor)
);
-- one open refund per card: a card is never refunded twice
create unique index refund_request_open_per_card on refund.refund_request (card_id)
    where status not in ('REJECTED','CANCELLED');
create index refund_request_holder on refund.refund_request (holder_user_id, requested_at desc);
create index refund_request_merchant on refund.refund_request (merchant_id, status, requested_at);
create index refund_request_pending on refund.refund_request (contest_deadline) where status = 'PENDING_MERCHANT';
create index refund_request_status on refund.refund_request (status, requested_at);

create table refund.expiry_notice (
    card_id        uuid primary key,
    holder_user_id uuid        not null,
    valid_until    date        not null,
    noticed_at     timestamptz not null
);

create table refund.holiday (
    day  date primary key,
    name text not null check (length(name) between 1 and 100)
);
