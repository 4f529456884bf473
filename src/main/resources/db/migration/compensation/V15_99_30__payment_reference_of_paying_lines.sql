-- Issue 15 (session 12): a compensation line's payment reference is looked up only while the line waits for its refund
-- (PAYING): the refund's outcome finds the line by it (CompensationRepository.markAllPaid, lockPayingByReference),
-- and a line in any other state has nothing to find. The unique index over every line took an entry for each PLANNED
-- line (a null key) and another for each line moved to PAID (no update of a line can be HOT: its status is in the
-- partial indexes' predicates), 200,000 entries per 100,000 cards that no query reads. Only PAYING lines are indexed
-- now. Uniqueness is unchanged in effect: the reference is compensation:<case>:<card>, and a batch (one per case) has
-- one line per card (compensation_line_batch_id_card_id_key).
alter table compensation.compensation_line drop constraint compensation_line_payment_reference_key;
create unique index compensation_line_paying_reference on compensation.compensation_line (payment_reference)
    where status = 'PAYING';
