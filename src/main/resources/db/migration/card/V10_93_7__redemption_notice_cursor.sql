-- Redemption notices follow the committed redemption rows in batches (ADR 14), not one event publication each. Each
-- row remembers the transaction that wrote it (a column default, so the redeem's statement is unchanged), and the
-- notice job reads only rows of transactions that have ended (below its snapshot's xmin): a transaction that commits
-- late, with a smaller id than rows already noticed, is still below no cursor, so no row is skipped. Rows written
-- before this migration keep a null: their notices went out through the CardRedeemed event.
alter table card.redemption add column written_by_xid xid8;
alter table card.redemption alter column written_by_xid set default pg_current_xact_id();
create index redemption_notice_order on card.redemption (written_by_xid, id) where written_by_xid is not null;

-- Every redemption at or before (after_xid, after_id), in that order, has its notice; one row per shard database.
create table card.redemption_notice_cursor (
    only_row boolean primary key default true check (only_row),
    after_xid xid8 not null,
    after_id  uuid not null
);
insert into card.redemption_notice_cursor (after_xid, after_id) values ('0', '00000000-0000-0000-0000-000000000000');
