-- Issue 15: the pay job claims a batch's next chunk of PLANNED lines in plan order (CompensationRepository.lockDue).
-- With only (batch_id, status) and (batch_id, seq) to use, each chunk read every PLANNED line left (or walked past
-- every line already paid) and sorted them: quadratic in the batch (100 chunks × ≈ 50,000 rows at 100,000 cards).
-- This partial index holds just the PLANNED lines in seq order, so a chunk reads its own lines and no others.
create index compensation_line_planned_seq on compensation.compensation_line (batch_id, seq) where status = 'PLANNED';
