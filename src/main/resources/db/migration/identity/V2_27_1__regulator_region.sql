-- A regulator (or consumer association) of one province, city or district: its GB/T 2260 code. Null = nationwide.
-- Every read such an account makes is filtered to merchants within the region (and its sector, for a regulator).
alter table identity.user_account add column region_code char(6)
    check (region_code is null or region_code ~ '^[1-9][0-9]{5}$');
alter table identity.user_account add constraint region_only_for_oversight
    check (region_code is null or role in ('REGULATOR', 'ASSOCIATION'));
