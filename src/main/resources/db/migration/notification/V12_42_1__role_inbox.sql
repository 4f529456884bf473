-- A role inbox: one notice for every member of a role (optionally of one sector), shown in each member's inbox, so
-- telling "every operator" costs one row, not one per operator (issue 10). Kept as the message key and its arguments
-- (ADR 11); subject and body hold the zh-CN rendering as the fallback. Not delivered by SMS (no outbox row).
create table notification.role_message (
    id          uuid        primary key,
    role        text        not null,
    sector      text,
    subject     text        not null,
    body        text        not null,
    message_key text        not null,
    arguments   text[]      not null default '{}',
    dedup_key   text        not null unique,
    sent_at     timestamptz not null
);
create index role_message_role_sent on notification.role_message (role, sent_at desc);
