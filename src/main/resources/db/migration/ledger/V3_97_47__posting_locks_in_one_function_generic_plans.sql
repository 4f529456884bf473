-- Issue 15 (session 10): the posting's locking SQL in ONE place, and the posting's statements planned once per session.
--  * ledger.lock_for_posting is the statement LedgerRepository.lockForPosting sent as text; the Java general path and
--    ledger.post_keyed_transfer (below, which carried a copy since V3_97_29) both call it now.
--  * Both functions keep a generic plan for each of their statements (force_generic_plan) and plan it with index
--    probes only (no hash or merge joins, no sequential scans where an index serves). V3_97_31 re-planned the posting's
--    three statements at every call (force_custom_plan: ≈ 0.5 ms of PostgreSQL CPU per redeem) because the generic plan
--    PostgreSQL picked by itself hash-joined the whole ledger.account table (it takes an unnest of a parameter for 10
--    rows). Every look-up here is by a key of at most a few lines, so index probes in nested loops are the right plan
--    whatever a table's size; the settings hold inside these functions only (and the triggers their statements fire).
create or replace function ledger.lock_for_posting(p_accounts uuid[], p_amounts bigint[], p_drawing text[])
returns table (account_id uuid, currency char(3), normal_side text, non_negative boolean, balance_minor bigint,
               striped boolean, loose boolean, drawn boolean, slot int, normal_amount bigint)
language plpgsql
set plan_cache_mode = force_generic_plan set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off
as $$
#variable_conflict use_column
begin
    -- Reads the balances a transfer's lines need and locks the main rows of the accounts whose line is neither loose nor
    -- drawn, in ascending id order; then, for each drawn line, the free slot holding the most if that is enough (skip
    -- locked, so it never waits here): LedgerRepository.lockForPosting tells the rules.
    return query
    with line as (select * from unnest(p_accounts, p_amounts) as l(account_id, amount)),
    meta as (
        select b.account_id, b.currency, b.normal_side, b.non_negative, b.balance_minor, m.striped, d.normal_amount,
               m.striped and (not b.non_negative or d.normal_amount > 0) as loose,
               m.striped and b.non_negative and d.normal_amount < 0 and a.type = any(p_drawing) as drawn
          from line l join ledger.balance b on b.account_id = l.account_id
          join ledger.account a on a.id = b.account_id
          cross join lateral (select case b.normal_side when 'DEBIT' then l.amount else -l.amount end
                                     as normal_amount) d
          cross join lateral (select exists (select 1 from ledger.balance_slot s
                                              where s.account_id = b.account_id) as striped) m),
    locked as materialized (
        select b.account_id, b.balance_minor from ledger.balance b
         where b.account_id in (select m.account_id from meta m where not m.loose and not m.drawn)
         order by b.account_id
           for update),
    drawn as materialized (
        select m.account_id, p.slot, p.balance_minor
          from meta m cross join lateral (
              select s.slot, s.balance_minor from ledger.balance_slot s
               where m.drawn and s.account_id = m.account_id
                 and (case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end)
                     + m.normal_amount >= 0
                 and (select count(*) from locked) >= 0
               order by case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end desc, s.slot
               limit 1
                 for update skip locked) p)
    select m.account_id, m.currency, m.normal_side, m.non_negative,
           coalesce(w.balance_minor, k.balance_minor, m.balance_minor), m.striped, m.loose, m.drawn,
           coalesce(w.slot, -1), m.normal_amount
      from meta m left join locked k on k.account_id = m.account_id
      left join drawn w on w.account_id = m.account_id;
end $$;

create or replace function ledger.post_keyed_transfer(
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
      left join ledger.account a on a.type = k.type and a.owner_id = k.owner_id and a.currency = p_currency
                                and a.non_negative = k.non_negative;
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

