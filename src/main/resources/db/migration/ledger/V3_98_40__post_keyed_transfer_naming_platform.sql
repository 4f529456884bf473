-- Issue 15 (session 11, purch11): a keyed posting whose lines may name an ownerless (platform) account such as
-- CONSUMER_FUNDS_CLEARING, which ledger.post_keyed_transfer's look-up (owner_id = the line's owner) never finds, so a
-- purchase's two transfers through the clearing account took the general path (its read, lock and insert: 5 round trips).
-- The same function as post_keyed_transfer (V3_97_47: same locks through ledger.lock_for_posting, same common-path
-- rules, same writes, nothing written when it gives up) but for the accounts' look-up; post_keyed_transfer itself is
-- left as it is (the redemption paths and the group commit call it). LedgerRepository.postKeyed calls this one only for
-- a transfer with an ownerless line.
create function ledger.post_keyed_transfer_naming_platform(
    p_transfer uuid, p_posting_key text, p_description text, p_posted_at timestamptz, p_currency char(3),
    p_types text[], p_owners uuid[], p_non_negative boolean[], p_amounts bigint[], p_drawing text[], p_fallback_slot int)
returns table (entry_id bigint, account_id uuid, amount_minor bigint, balances_updated bigint)
language plpgsql
set plan_cache_mode = force_generic_plan set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off
as $$
#variable_conflict use_column
declare
    lines int := cardinality(p_types);
    accounts uuid[];
    found_accounts int;
    postable boolean;
    slotted_accounts uuid[];
    slots int[];
begin
    select array_agg(a.id order by k.ord), count(a.id)
      into accounts, found_accounts
      from unnest(p_types, p_owners, p_non_negative) with ordinality as k(type, owner_id, non_negative, ord)
      -- an owned line probes (type, owner, currency); an ownerless one (type, null, currency): both the identity index
      left join lateral (select o.id from ledger.account o
                          where k.owner_id is not null and o.type = k.type and o.owner_id = k.owner_id
                            and o.currency = p_currency and o.non_negative = k.non_negative
                         union all
                         select o.id from ledger.account o
                          where k.owner_id is null and o.type = k.type and o.owner_id is null
                            and o.currency = p_currency and o.non_negative = k.non_negative
                         limit 1) a on true;
    if found_accounts is distinct from lines then
        return;
    end if;

    -- The general path's locks (LedgerRepository.lockForPosting calls the same function); then whether the common path
    -- may post: every line has its balance, no striped account to fold, a slot for each drawn line, floors kept.
    select coalesce(bool_and(case
               when m.loose then true
               when m.drawn then m.slot >= 0
               when m.striped then false
               when m.non_negative then
                   (case m.normal_side when 'DEBIT' then m.balance_minor else -m.balance_minor end) + m.normal_amount >= 0
               else true end), false) and count(*) = lines,
           coalesce(array_agg(m.account_id) filter (where m.loose or m.drawn), '{}'),
           coalesce(array_agg(m.slot) filter (where m.loose or m.drawn), '{}')
      into postable, slotted_accounts, slots
      from ledger.lock_for_posting(accounts, p_amounts, p_drawing) m;
    if not postable then
        return;
    end if;

    -- As LedgerRepository.insertTransferAndEntries; nothing is written when the posting key is taken. The caller checks
    -- that every line got its entry and its balance.
    return query
    with header as (
        insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)
        values (p_transfer, p_posting_key, p_description, p_posted_at, true)
        on conflict on constraint transfer_posting_key do nothing
        returning id),
    posted as (
        insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
        select h.id, v.account_id, v.amount_minor, p_currency, p_posted_at
          from header h cross join unnest(accounts, p_amounts) with ordinality as v(account_id, amount_minor, ord)
         order by v.ord
        returning id, account_id, amount_minor),
    picked as materialized (
        select l.account_id,
               case when l.slot >= 0 then l.slot else
               coalesce((select s.slot from ledger.balance_slot s where s.account_id = l.account_id
                          order by case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end, s.slot
                          limit 1 for update skip locked), p_fallback_slot) end as slot
          from unnest(slotted_accounts, slots) as l(account_id, slot)),
    main as (
        update ledger.balance b set balance_minor = b.balance_minor + p.amount_minor, updated_at = p_posted_at
          from posted p where b.account_id = p.account_id and p.account_id <> all(slotted_accounts)
        returning b.account_id),
    slotted as (
        update ledger.balance_slot s set balance_minor = s.balance_minor + p.amount_minor, updated_at = p_posted_at
          from posted p join picked k on k.account_id = p.account_id
         where s.account_id = k.account_id and s.slot = k.slot
        returning s.account_id)
    select p.id, p.account_id, p.amount_minor, (select count(*) from main) + (select count(*) from slotted)
      from posted p
     order by p.id;
end $$;

