-- The dashboard's two merchant pages (largest balance, largest uncovered exposure) read the day's rows in index order
-- and stop after one page, instead of sorting every merchant in view per request: at the country or city level most of
-- the day's 100,000 rows match. The columns follow the pages' ORDER BY (ties broken by merchant id).
create index balance_snapshot_outstanding on oversight.balance_snapshot (day, outstanding_minor desc, merchant_id);
drop index oversight.balance_snapshot_uncovered;
create index balance_snapshot_uncovered on oversight.balance_snapshot (day, uncovered_minor desc, merchant_id);
