DROP TABLE IF EXISTS bench_idempotency, bench_card, bench_redemption, bench_entry, bench_balance;
CREATE TABLE bench_idempotency (key text PRIMARY KEY, created_at timestamptz NOT NULL);
CREATE TABLE bench_card (id int PRIMARY KEY, remaining int NOT NULL);
INSERT INTO bench_card SELECT g, 1000000 FROM generate_series(1, 10000) g;
CREATE TABLE bench_redemption (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, card_id int NOT NULL, at timestamptz NOT NULL);
CREATE TABLE bench_entry (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, transfer_key text NOT NULL, account_id int NOT NULL, amount bigint NOT NULL);
CREATE TABLE bench_balance (id int PRIMARY KEY, amount bigint NOT NULL);
INSERT INTO bench_balance SELECT g, 0 FROM generate_series(1, 400) g;
