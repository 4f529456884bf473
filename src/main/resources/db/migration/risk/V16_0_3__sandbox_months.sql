-- The months the demo's sandbox data providers have written files for (demo profile only; empty elsewhere).
create table risk.sandbox_month (
    month       text primary key check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    produced_at timestamptz not null
);
