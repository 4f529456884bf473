-- Issue 13, item 5: a rule row may be written for a sub-sector, the products of one sector sold to one audience. Beijing's
-- youth sports training row (京体产业字〔2023〕12号) is seeded under YOUTH_SPORTS, which no merchant can choose as a
-- sector; it is the SPORTS_FITNESS sector's products for MINORS. Rows of a sub-sector outrank rows of its sector.
create table rules.sub_sector (
    code     text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    sector   text not null check (sector ~ '^[A-Z][A-Z0-9_]{1,39}$' and sector <> code),
    audience text not null check (audience in ('ADULTS', 'MINORS')),
    name     text not null check (length(name) > 0),
    unique (sector, audience, code)
);

insert into rules.sub_sector (code, sector, audience, name)
values ('YOUTH_SPORTS', 'SPORTS_FITNESS', 'MINORS', '青少年体育培训 youth sports training');
