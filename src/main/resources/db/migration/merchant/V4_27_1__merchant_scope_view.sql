-- Published for other modules' reads (oversight scope filters, see MerchantScope; the oversight snapshot and public
-- lookup): which region and sector each merchant is in, its public name and credit code and its status. A view, so
-- other modules never read merchant.merchant itself and its columns may change.
create view merchant.merchant_scope as
    select id as merchant_id, region_code, sector, status, legal_name, credit_code from merchant.merchant;
create index merchant_region on merchant.merchant (region_code bpchar_pattern_ops, sector);
