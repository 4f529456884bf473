-- ADR 12 §1: the map of the 1,024 merchant slots to physical shards, the same on every shard (broadcast). It starts as
-- three equal, contiguous ranges (MerchantSlot.equalRanges); resharding moves slots by updating it, never re-hashes.
create schema if not exists routing;
create table if not exists routing.slot_shard (
    slot  int primary key check (slot between 0 and 1023),
    shard int not null check (shard >= 0)
);
insert into routing.slot_shard (slot, shard)
select s, (s * 3) / 1024 from generate_series(0, 1023) s
on conflict (slot) do nothing;
