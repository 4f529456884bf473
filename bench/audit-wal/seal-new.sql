-- The new sealer's insert for all unsealed entries at once (hash stand-in: 32 bytes, as SHA-256)
insert into audit.seal (chain_position, entry_id, hash)
select row_number() over (order by e.xact, e.occurred_at, e.id), e.id, sha256(e.id::text::bytea)
  from audit.entry e where not exists (select 1 from audit.seal s where s.entry_id = e.id);
