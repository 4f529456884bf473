-- Compensation (平台先行赔付) of a confirmed closure: one batch per case, one line per live card. A line's planned
-- sources add up to its unredeemed value (check constraint); each line is paid at most once (status machine, unique
-- payment reference, posting keys compensation:<case>:<card> and compensation-paid:<case>:<card>).
create table protection.compensation_batch (
    id                 uuid        primary key,
    case_id            uuid        not null unique,
    merchant_id        uuid        not null,
    currency           char(3)     not null,
    status             text        not null check (status in ('PAYING', 'COMPLETED')),
    setoff_minor       bigint      not null check (setoff_minor >= 0),
    escrow_available_minor  bigint not null check (escrow_available_minor >= 0),
    deposit_available_minor bigint not null check (deposit_available_minor >= 0),
    planned_at         timestamptz not null,
    choose_by          timestamptz not null,
    planned_by         text        not null,
    completed_at       timestamptz,
    constraint compensation_batch_completed check ((status = 'COMPLETED') = (completed_at is not null))
);

create table protection.compensation_line (
    id                 uuid        primary key,
    batch_id           uuid        not null references protection.compensation_batch (id),
    case_id            uuid        not null,
    seq                int         not null,
    card_id            uuid        not null,
    consumer_id        uuid        not null,
    payment_order_id   uuid,
    unredeemed_minor   bigint      not null check (unredeemed_minor > 0),
    advance_minor      bigint      not null check (advance_minor >= 0),
    escrow_minor       bigint      not null check (escrow_minor >= 0),
    deposit_minor      bigint      not null check (deposit_minor >= 0),
    fund_minor         bigint      not null check (fund_minor >= 0),
    choice             text        not null default 'CASH' check (choice in ('CASH', 'TAKEOVER')),
    chosen_at          timestamptz,
    due_at             timestamptz not null,
    status             text        not null check (status in ('PLANNED', 'PAYING', 'MANUAL_PAYOUT', 'PAID')),
    payment_reference  text        unique,
    manual_reason      text,
    settled_at         timestamptz,
    paid_at            timestamptz,
    paid_reference     text,
    constraint compensation_line_sources check (escrow_minor + deposit_minor + fund_minor = unredeemed_minor),
    constraint compensation_line_paid check ((status = 'PAID') = (paid_at is not null)),
    unique (batch_id, card_id),
    unique (batch_id, seq)
);
create index compensation_line_due on protection.compensation_line (due_at) where status = 'PLANNED';
create index compensation_line_consumer on protection.compensation_line (consumer_id);
create index compensation_line_batch_status on protection.compensation_line (batch_id, status);
