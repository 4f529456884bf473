-- Delivery channels read the messages by a cursor instead of an outbox row per message (issue 15, session 13): an
-- outbox row cost a heap tuple, two index entries and a foreign-key lock on its message, per notice. Each message
-- remembers the transaction that wrote it (a column default, so the inserts are unchanged), and a channel's pass reads
-- only rows of transactions that have ended, in (written_by_xid, id) order, as the redemption notices do (ADR 14): a
-- transaction that commits late, with a smaller id than rows already delivered, is below no cursor, so nothing is
-- skipped. Messages written before this migration keep a null and their outbox row (no channel read it); the outbox
-- is no longer written.
alter table notification.message add column written_by_xid xid8;
alter table notification.message alter column written_by_xid set default pg_current_xact_id();
create index message_delivery_order on notification.message (written_by_xid, id) where written_by_xid is not null;

-- Every message at or before (after_xid, after_id), in that order, went out through the channel; one row per channel
-- and shard database, made by the channel's first pass.
create table notification.delivery_cursor (
    channel   text primary key,
    after_xid xid8 not null,
    after_id  uuid not null
);
