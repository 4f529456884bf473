-- Issue 15 (session 11): the planned notices of a batch are sent in plan order, a chunk per transaction, so a row per
-- batch records how far they went (one update per chunk of 1,000) instead of each line recording its own (100,000 line
-- updates, none HOT, and the sender's line locks stalled the payer's chunks). A row of its own, not a column of the
-- batch: the outcome listeners lock the batch row to complete it, and the sender must not queue them behind its sends.
-- Existing batches resume where their lines' marks stop.
create table compensation.compensation_notice_progress (
    batch_id        uuid    primary key references compensation.compensation_batch (id),
    planned_through integer not null default 0
);
insert into compensation.compensation_notice_progress (batch_id, planned_through)
select b.id, coalesce(
       (select min(l.seq) - 1 from compensation.compensation_line l where l.batch_id = b.id and l.planned_notice_at is null),
       (select max(l.seq) from compensation.compensation_line l where l.batch_id = b.id),
       0)
  from compensation.compensation_batch b;
drop index compensation.compensation_line_notice_due;
alter table compensation.compensation_line drop column planned_notice_at;
