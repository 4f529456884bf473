-- The old sealer's update for all unsealed entries at once (hashes stand-ins: same width as SHA-256 hex)
with u as (select id, row_number() over (order by occurred_at, id) as n from audit.entry where hash is null)
update audit.entry e set chain_position = u.n, prev_hash = md5(u.n::text) || md5(u.n::text), hash = md5(u.n::text || 'h') || md5(u.n::text || 'h')
  from u where e.id = u.id and e.hash is null;
