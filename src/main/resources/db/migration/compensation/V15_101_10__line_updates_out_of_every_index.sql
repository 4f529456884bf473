-- Issue 15 (session 14): a compensation line is inserted once and updated twice (settled → PAYING, paid → PAID), and
-- neither update could be HOT: status was in the predicates of three partial indexes (due lines in plan order, unpaid
-- lines, PAYING lines by payment reference) and payment_reference was itself indexed, so each update added an entry to
-- every index of the table (ten entries per line, 200,000 non-HOT updates per 100,000 cards). Each of the three
-- questions those indexes answered now has a home that the updates do not write:
--  * which planned lines are due, in plan order: a queue of PLANNED lines, one row per line, filled by the plan and
--    claimed by the pay job (delete … returning, skip locked); a consumer's choice moves its row's due_at. No foreign
--    key: its check would lock each line at the plan, and the queue row and the line are written by one statement
--    (insert) and removed with the line's settlement in one transaction;
--  * whether a batch has lines not PAID: a count on the batch row, set by the plan and lowered in the transaction that
--    moves lines to PAID (CompensationCompletion, under the batch row's lock the completion took anyway);
--  * the line of a refund outcome: found by (batch of the case, card), both in its reference compensation:<case>:<card>,
--    by the unique (batch_id, card_id) index, with a status filter.
-- Only the id, consumer, (batch_id, card_id) and (batch_id, seq) indexes are left, whose columns no update writes.
-- HOT also needs room on the line's own page for its new version: a planned line is ≈ 210 bytes, settled with its
-- reference ≈ 310, paid ≈ 395, and a page's lines are settled in one transaction and paid in another, often before the
-- planned versions can be pruned (other pay chunks still running hold the horizon back). At fillfactor 25 a page takes
-- 9 planned lines and has room for both later versions of each without pruning (9 × (210 + 310 + 395) < 8,168 bytes);
-- at 40 (15 lines) the paid versions fit only after pruning. The price is a heap about four times larger (≈ 90 MB per
-- 100,000 lines instead of ≈ 21 MB), half of it empty once the lines are paid.
create table compensation.compensation_line_due (
    batch_id uuid        not null,
    seq      integer     not null,
    line_id  uuid        not null,
    due_at   timestamptz not null,
    primary key (batch_id, seq)
);
insert into compensation.compensation_line_due (batch_id, seq, line_id, due_at)
select batch_id, seq, id, due_at from compensation.compensation_line where status = 'PLANNED';
drop index compensation.compensation_line_planned_seq;

alter table compensation.compensation_batch add column unpaid integer not null default 0;
update compensation.compensation_batch b
   set unpaid = (select count(*) from compensation.compensation_line l where l.batch_id = b.id and l.status <> 'PAID');
alter table compensation.compensation_batch add constraint compensation_batch_unpaid
    check (unpaid >= 0 and (status <> 'COMPLETED' or unpaid = 0));
drop index compensation.compensation_line_unpaid;

drop index compensation.compensation_line_paying_reference;

alter table compensation.compensation_line set (fillfactor = 25);
