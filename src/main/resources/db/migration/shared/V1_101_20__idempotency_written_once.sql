-- A key's row is written once, with its command's answer, and never updated (issue 15, session 14: every command holds
-- its key by an advisory lock until its answer is known). The room V1_98_21 kept on each page for the answer's update
-- is no longer used, so new pages are filled again. An instance of before session 14, during a rolling upgrade, still
-- updates its rows; it only loses the chance of a HOT update.
alter table idempotency.request reset (fillfactor);
