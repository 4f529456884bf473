-- The PostgreSQL ceiling for a redemption: one transaction with the same kinds of writes Fangxin makes (idempotency
-- key, card decrement under its row lock, redemption row, a balanced transfer of two entries, two balance updates),
-- without HTTP, JSON, security or the JVM.
\set card random(1, 10000)
\set acct random(1, 200)
BEGIN;
INSERT INTO bench_idempotency (key, created_at) VALUES (md5(random()::text || clock_timestamp()::text), now());
UPDATE bench_card SET remaining = remaining - 1 WHERE id = :card;
INSERT INTO bench_redemption (card_id, at) VALUES (:card, now());
INSERT INTO bench_entry (transfer_key, account_id, amount) VALUES (md5(random()::text), :acct, 3333), (md5(random()::text), 200 + :acct, -3333);
UPDATE bench_balance SET amount = amount + 3333 WHERE id = :acct;
UPDATE bench_balance SET amount = amount - 3333 WHERE id = 200 + :acct;
END;
