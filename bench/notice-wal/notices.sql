-- 10,000 compact bulk notices (round :round, 0 or 1) in statements of :batch, shaped as Notifications.sendAll writes them (:shape planned: a
-- compensation's planned notices, three arguments, dedup key compensation-planned:<line id>, 1,000 per statement;
-- redeemed: redemption notices, four arguments, card-redeemed:<redemption id>, 500 per statement as RedemptionNotices
-- sends them), with empty subject and body, time-ordered ids as UUIDv7 gives, holders spread over the user index.
-- :digest = true names the digest index of digest.sql as the conflict target. :outbox = true adds the outbox row of each inserted message in the same statement, as before session 13.
select format($f$
  %s insert into notification.message (id, user_id, subject, body, message_key, arguments, dedup_key, sent_at)
  select cast(lpad(to_hex(%s * %s + n), 32, '0') as uuid), cast(md5('holder' || (%s * %s + n)) as uuid), '', '',
         %L, %L::text[], %L || cast(lpad(to_hex(%s * %s + n), 32, '0') as uuid), now()
    from generate_series(1, %s) n
  on conflict (%s) do nothing %s
$f$, case when :'outbox' then 'with message as (' else '' end, s, :batch, s, :batch,
     case when :'shape' = 'planned' then 'compensation.notice.planned' else 'card.notice.redeemed.sessions' end,
     case when :'shape' = 'planned' then '{开封市健身有限公司,"¥1,600.00","2026-12-21 18:00"}'
          else '{"私教 10 次卡",1,¥300.00,48}' end,
     case when :'shape' = 'planned' then 'compensation-planned:' else 'card-redeemed:' end, s, :batch, :batch,
     case when :'digest' then '(cast(md5(dedup_key) as uuid))' else 'dedup_key' end,
     case when :'outbox' then 'returning id) insert into notification.outbox (message_id, channel, status) select id, ''SMS'', ''QUEUED'' from message' else '' end)
from generate_series(:round * (10000 / :batch), (:round + 1) * (10000 / :batch) - 1) s
\gexec
