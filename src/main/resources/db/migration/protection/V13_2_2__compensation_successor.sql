-- A merchant that agreed to take over a closed store's customers (转店/续课), with the product it issues them; one per
-- batch. Consumers who choose TAKEOVER get a new card of that product worth their unredeemed value.
create table protection.compensation_successor (
    batch_id       uuid        primary key references protection.compensation_batch (id),
    merchant_id    uuid        not null,
    product_id     uuid        not null,
    registered_by  text        not null,
    registered_at  timestamptz not null
);
alter table protection.compensation_line add column successor_card_id uuid;
