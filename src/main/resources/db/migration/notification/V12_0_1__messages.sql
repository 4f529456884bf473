create schema if not exists notification;

create table notification.message (
    id        uuid primary key,
    user_id   uuid        not null,
    subject   text        not null,
    body      text        not null,
    dedup_key text unique,
    sent_at   timestamptz not null,
    read_at   timestamptz
);
create index message_user_sent on notification.message (user_id, sent_at desc);

-- Delivery queue for SMS/e-mail adapters (none delivers yet; the in-app inbox is the working channel).
create table notification.outbox (
    message_id   uuid primary key references notification.message (id),
    channel      text not null,
    status       text not null check (status in ('QUEUED', 'SENT', 'FAILED')),
    attempts     int  not null default 0,
    delivered_at timestamptz
);
create index outbox_queued on notification.outbox (status) where status = 'QUEUED';
