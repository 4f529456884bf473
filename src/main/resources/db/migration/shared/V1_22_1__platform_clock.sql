-- Issue 13: the demo profile's platform clock (time travel). One row: how far the platform's clock runs ahead of the
-- system clock. Only the demo profile reads or moves it; it only ever moves forward.
create schema if not exists platform;
create table platform.clock (
    id           int         primary key check (id = 1),
    offset_millis bigint     not null check (offset_millis >= 0),
    advanced_at  timestamptz not null,
    advanced_by  text        not null
);
