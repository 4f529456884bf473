-- Issue 13, item 5: who a product is sold to (ADULTS or MINORS), so that rule rows written for a sector's products
-- for minors (Beijing youth sports training) apply to them and not to every adult gym. Existing products: adults.
alter table catalog.product add column audience text not null default 'ADULTS' check (audience in ('ADULTS', 'MINORS'));
