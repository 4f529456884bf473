-- Names, not codes (ADR 11): an alert's detail is also stored as the arguments of the message risk.alert.detail.<kind>
-- (an argument 'msg:<key>' names a message: a factor, a source, a list), rendered in the reader's language; subject
-- keeps the raw detail with codes for the API. A quarantine reason becomes a message key. Existing rows are converted.
alter table risk.alert add column detail_args text[] not null default '{}';

-- 'B → D (35)'
update risk.alert set detail_args = array[coalesce(substring(subject from '\((\d+)\)\s*$'), '')]
 where kind = 'TIER_DROP';

-- 'EXPOSURE_COVER = 15000 (books.exposure, 2026-05-01)': the value formatted by the factor's unit (basis points as a
-- percentage, fen as yuan), as risk.domain.Factor.Unit#format does
update risk.alert a
   set detail_args = array['msg:risk.factor.' || a.factor,
           case when p.v is null or p.v = 'null' then ''
                when a.factor in ('SALES_SPIKE', 'REDEMPTION_DROP', 'REFUND_REQUESTS', 'BALANCE_TO_REVENUE',
                                  'EXPOSURE_COVER', 'TAX_PAID', 'HEADCOUNT', 'UTILITY')
                    then (p.v::bigint / 100)::text || '.' || lpad((abs(p.v::bigint) % 100)::text, 2, '0') || '%'
                when a.factor = 'TAX_ARREARS'
                    then '¥' || to_char(p.v::bigint / 100.0, 'FM999,999,999,999,990.00')
                else p.v end,
           'msg:risk.source.' || coalesce(p.src, ''), coalesce(p.asof, '')]
  from (select id, substring(subject from ' = (-?\d+|null) \(') v, substring(subject from '\(([^,()]+), ') src,
               substring(subject from ', ([^,()]+)\)\s*$') asof
          from risk.alert where kind = 'FACTOR_THRESHOLD') p
 where a.id = p.id;

-- 'DISHONEST_DEBTOR (2026)豫0205执123号 (court)'
update risk.alert
   set detail_args = array['msg:risk.source.feed.' || split_part(subject, ' ', 1),
           coalesce(substring(subject from '^\S+ (.*) \([^()]*\)\s*$'), ''),
           coalesce(substring(subject from '\(([^()]*)\)\s*$'), '')]
 where kind = 'LIST_HIT';

update risk.quarantine set reason = 'risk.quarantine.reason.unknownCreditCode'
 where reason = 'no merchant is registered with this unified social credit code';
