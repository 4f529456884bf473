-- Entries written in the same instant (one transaction, or a test clock that stands still) keep their insertion order.
alter table merchant.status_history add column seq bigint generated always as identity;
create index status_history_merchant_seq on merchant.status_history (merchant_id, seq);
