-- Names, not codes (ADR 11): a step's note that a module writes for the system (the risk score's suspicion) is also
-- stored as a message key and its arguments (an argument 'msg:<key>' names a message), shown in the reader's language;
-- note keeps the Chinese rendering. People's notes have no key.
alter table protection.closure_step
    add column note_key  text,
    add column note_args text[] not null default '{}';

-- Suspicions the risk score opened before: 'risk tier D on 2026-05-01: score 35; EXPOSURE_COVER −15, TAX_PAID −20'
-- become risk.suspicion.<n> with the day, the score and the first three factors (name, points lost).
with parsed as (
    select s.id, substring(s.note from '^risk tier D on (\d{4}-\d{2}-\d{2}):') as day,
           substring(s.note from ': score (\d+);') as score,
           array(select x
                   from regexp_matches(s.note, '([A-Z_]+) −(\d+)', 'g') with ordinality as r(m, i),
                        lateral (values (1, 'msg:risk.factor.' || m[1]), (2, m[2])) as v(k, x)
                  where i <= 3 order by i, k) as factors
      from protection.closure_step s
     where s.kind = 'OPENED' and s.note like 'risk tier D on %')
update protection.closure_step s
   set note_key = 'risk.suspicion.' || cardinality(p.factors) / 2,
       note_args = array[coalesce(p.day, ''), coalesce(p.score, '')] || p.factors
  from parsed p
 where s.id = p.id;
