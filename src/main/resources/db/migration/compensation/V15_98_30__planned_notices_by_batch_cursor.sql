-- Issue 15 (session 11): the planned notices of a batch are sent in plan order, a chunk per transaction, so the batch
-- records how far they went (one update per chunk of 1,000) instead of each line recording its own (100,000 line
-- updates, none HOT, and the sender's line locks stalled the payer's chunks). Existing batches resume where their
-- lines' marks stop.
alter table compensation.compensation_batch add column planned_noticed_through integer not null default 0;
update compensation.compensation_batch b set planned_noticed_through = coalesce(
       (select min(l.seq) - 1 from compensation.compensation_line l where l.batch_id = b.id and l.planned_notice_at is null),
       (select max(l.seq) from compensation.compensation_line l where l.batch_id = b.id),
       0);
drop index compensation.compensation_line_notice_due;
alter table compensation.compensation_line drop column planned_notice_at;
