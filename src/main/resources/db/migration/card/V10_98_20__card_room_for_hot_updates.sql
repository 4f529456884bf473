-- A redemption rewrites its card's counters (earned, advance outstanding, sessions, face remaining, released through,
-- first redeemed at), none of them indexed, so the new row version can stay on its page and skip the card's six
-- indexes (a HOT update) — if the page has room. Cards are written in bursts and packed full, so a card's first
-- redemption moved the row to another page and inserted into all six indexes (issue 15, session 11). A fifth of each
-- page is now kept free for the updates. Applies to pages written from now on; existing pages keep their packing until
-- rewritten (vacuum full / pg_repack), which this migration does not do on a live table.
alter table card.card set (fillfactor = 80);
