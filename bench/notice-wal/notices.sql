-- 10 statements of 1,000 compact bulk notices each, shaped as Notifications.sendAll writes a compensation's planned
-- notices (key and three arguments, empty subject and body, dedup key compensation-planned:<line id>, time-ordered
-- ids as UUIDv7 gives, holders spread over the user index). :outbox = true adds the outbox row of each inserted
-- message in the same statement, as before session 13.
\set outbox :outbox
select format($f$
  %s insert into notification.message (id, user_id, subject, body, message_key, arguments, dedup_key, sent_at)
  select cast(lpad(to_hex(%s * 1000 + n), 32, '0') as uuid), cast(md5('holder' || (%s * 1000 + n)) as uuid), '', '',
         'compensation.notice.planned', array['开封市健身有限公司', '¥1,600.00', '2026-12-21 18:00'],
         'compensation-planned:' || cast(lpad(to_hex(%s * 1000 + n), 32, '0') as uuid), now()
    from generate_series(1, 1000) n
  on conflict (dedup_key) do nothing %s
$f$, case when :'outbox' then 'with message as (' else '' end, s, s, s,
     case when :'outbox' then 'returning id) insert into notification.outbox (message_id, channel, status) select id, ''SMS'', ''QUEUED'' from message' else '' end)
from generate_series(:first, :first + 9) s
\gexec
