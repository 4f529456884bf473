-- A keyed command inserts its key row first (the claim) and writes the answer into the same row at its end, in the
-- same transaction. Neither the status nor the answer is indexed, so that update can stay on the row's page and skip
-- the key's two indexes (a HOT update) — if the page has room, which concurrent claims filling the newest page
-- rarely left (issue 15, session 11). Three tenths of each page are kept for the answers.
alter table idempotency.request set (fillfactor = 70);
