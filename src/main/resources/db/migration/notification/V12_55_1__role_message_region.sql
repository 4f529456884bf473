-- A role notice about a merchant carries the merchant's region, so a region-scoped regulator or association sees only
-- the notices of its region and below (issue 11: every read filtered by scope). Null means the notice is for the
-- whole role (as every notice before this column was).
alter table notification.role_message add column region_code text;
