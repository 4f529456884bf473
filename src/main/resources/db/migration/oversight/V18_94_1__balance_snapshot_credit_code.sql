-- The snapshot row keeps the merchant's credit code, so that the supervision feed reads the snapshot alone: in the
-- sharded profile (ADR 12 §8e) the merged snapshot sits on the directory shard while most merchants do not. Rows taken
-- before this column existed keep null, and the feed falls back to the merchant's published view for them.
alter table oversight.balance_snapshot add column credit_code text;
