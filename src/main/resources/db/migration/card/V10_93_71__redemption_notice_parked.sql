-- A redemption whose notice could not be written on its own (ADR 14 §6): the pass parks it here, in the transaction
-- that moves the cursor past it, so the queue goes on and the notice is not lost. Later passes retry it when
-- next_attempt_at is due (backing off up to an hour) and delete the row in the transaction that writes the notice; the
-- dedup key card-redeemed:<redemption_id> makes a repeat a no-op. One table per shard database, like the cursor.
create table card.redemption_notice_parked (
    redemption_id   uuid primary key references card.redemption (id),
    failures        integer not null check (failures > 0),
    last_error      text not null,
    parked_at       timestamptz not null,
    next_attempt_at timestamptz not null
);
create index redemption_notice_parked_due on card.redemption_notice_parked (next_attempt_at);
