-- Issue 15: every compensation line is inserted once and updated three times (planned notice sent, settled, paid);
-- none of these updates can be HOT (each changes a column some index names or filters on), so each one adds an entry
-- to every index whose predicate the new row version meets. Two of the nine indexes carried no query of their own:
--  * compensation_line_due (due_at) where PLANNED: every query on due_at also names the batch, which
--    compensation_line_planned_seq (batch_id, seq) where PLANNED serves (V15_72_1);
--  * compensation_line_batch_status (batch_id, status): its one probing query asks whether a batch has a line not PAID
--    (CompensationRepository.hasUnpaid); a partial index of just those lines serves it, and a line's last update (to
--    PAID) no longer adds to it. Listing a batch's lines of one status walks (batch_id, seq) in plan order instead.
drop index compensation.compensation_line_due;
drop index compensation.compensation_line_batch_status;
create index compensation_line_unpaid on compensation.compensation_line (batch_id) where status <> 'PAID';
