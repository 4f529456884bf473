-- The "compensation planned" notices are sent after the plan commits, in chunks (100,000 notices inside the plan
-- transaction took minutes): a line records when its notice went out, in the same transaction as the send, so each is
-- sent once; a job sends what a crash left unsent. Lines planned before this change were notified while planning.
alter table protection.compensation_line add column planned_notice_at timestamptz;
update protection.compensation_line l set planned_notice_at = b.planned_at
  from protection.compensation_batch b where b.id = l.batch_id;
create index compensation_line_notice_due on protection.compensation_line (batch_id, seq) where planned_notice_at is null;
