-- The object a keyed command created or acted on, stored with its answer: a step that runs after the commit (placing a
-- purchase's order at the payment provider) finds it on a replay without parsing the stored JSON answer.
alter table idempotency.request add column resource_id uuid;
