-- Tried and not kept (session 13): the dedup key unique by its 16-byte MD5 digest instead of its whole text. The index
-- is half as large, and each notice logs ≈ 40 bytes less, but the digest spreads the inserts over every leaf page where
-- the text keys (<kind>:<UUIDv7>) grow at the right edge of each kind: more full-page images after each checkpoint,
-- and, once the index outgrows memory, a random leaf read per insert. Measured by run.sh as its third database.
create unique index message_dedup_digest on notification.message ((cast(md5(dedup_key) as uuid)));
alter table notification.message drop constraint message_dedup_key_key;
