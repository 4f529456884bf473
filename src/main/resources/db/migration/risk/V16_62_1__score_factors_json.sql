-- A day's factors are written by the nightly rating for every merchant and read back whole (never queried inside):
-- stored as json (the text as written, checked) instead of jsonb (parsed into a binary tree), which made the score
-- write of a 1,000-merchant chunk about twice as slow (docs/performance.md, risk rating). Readers parse the text as before.
alter table risk.score alter column factors type json using factors::json;
