-- Issue 15 (session 12, fold12): the keyed posting's rules in ONE place. Session 11 left three copies: the single
-- posting (post_keyed_transfer, V3_97_47), a 55-line copy of it for ownerless accounts (V3_98_40) and the set-based
-- batch (V3_98_10), which repeated the account look-up and the loose-slot pick. Now:
--  * ledger.keyed_accounts is the look-up, for owned AND ownerless (platform) lines: an owned line probes the identity
--    index with (type, owner, currency), an ownerless one with (type, null, currency). It is a stable SQL function
--    without settings, so PostgreSQL inlines it into the caller's statement and plans it there, under the caller's
--    settings (generic plan, index probes only): no call of its own on the redeem's hot path.
--  * ledger.posting_slot is the slot a slotted line posts to: the one lock_for_posting drew, else the free slot holding
--    the least (skip locked), else the caller's random one. PL/pgSQL, so its statement is planned once per session.
--  * ledger.post_keyed_transfer (redefined) uses both; ledger.post_keyed_transfer_naming_platform now only calls it
--    (same signature, so KeyedPostingRepository is unchanged); ledger.post_keyed_batch (redefined) uses both as well.
-- Behaviour is unchanged but for one widening: post_keyed_transfer and the batch now also find an ownerless account on
-- the common path (as the naming-platform function did) instead of giving up to the general path, which posted the
-- same entries and balances.
create or replace function ledger.keyed_accounts(p_types text[], p_owners uuid[], p_non_negative boolean[],
                                                 p_currencies char(3)[])
returns table (ord bigint, account_id uuid)
language sql stable
as $$
    select k.ord, a.id
      from unnest(p_types, p_owners, p_non_negative, p_currencies) with ordinality
           as k(type, owner_id, non_negative, currency, ord)
      -- one of the two branches runs per line (its owner test is a one-time filter), each an identity-index probe
      left join lateral (select o.id from ledger.account o
                          where k.owner_id is not null and o.type = k.type and o.owner_id = k.owner_id
                            and o.currency = k.currency and o.non_negative = k.non_negative
                         union all
                         select o.id from ledger.account o
                          where k.owner_id is null and o.type = k.type and o.owner_id is null
                            and o.currency = k.currency and o.non_negative = k.non_negative
                         limit 1) a on true
$$;

create or replace function ledger.posting_slot(p_account uuid, p_drawn_slot int, p_fallback_slot int)
returns int
language plpgsql
as $$
declare
    free_slot int;
begin
    if p_drawn_slot >= 0 then
        return p_drawn_slot;
    end if;
    -- a loose line: the free slot holding the least spreads the account's value; any slot if all are taken
    select s.slot into free_slot
      from ledger.balance_slot s
     where s.account_id = p_account
     order by case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end, s.slot
     limit 1
       for update skip locked;
    return coalesce(free_slot, p_fallback_slot);
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
    select array_agg(a.account_id order by a.ord), count(a.account_id)
      into accounts, found_accounts
      from ledger.keyed_accounts(p_types, p_owners, p_non_negative,
                                 array_fill(p_currency, array[coalesce(lines, 0)])) a;
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
        select l.account_id, ledger.posting_slot(l.account_id, l.slot, p_fallback_slot) as slot
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

-- Kept for its callers (KeyedPostingRepository sends a transfer with an ownerless line here): the look-up it added is
-- post_keyed_transfer's now.
create or replace function ledger.post_keyed_transfer_naming_platform(
    p_transfer uuid, p_posting_key text, p_description text, p_posted_at timestamptz, p_currency char(3),
    p_types text[], p_owners uuid[], p_non_negative boolean[], p_amounts bigint[], p_drawing text[], p_fallback_slot int)
returns table (entry_id bigint, account_id uuid, amount_minor bigint, balances_updated bigint)
language plpgsql
as $$
begin
    return query
    select * from ledger.post_keyed_transfer(p_transfer, p_posting_key, p_description, p_posted_at, p_currency,
                                             p_types, p_owners, p_non_negative, p_amounts, p_drawing, p_fallback_slot);
end $$;

-- The set-based batch (V3_98_10) with the look-up and the slot pick above; its per-line rules and its one write
-- statement for the whole batch are its own (they sum lines per account and check floors on running balances).
create or replace function ledger.post_keyed_batch(
    p_transfers uuid[], p_posting_keys text[], p_descriptions text[], p_posted_at timestamptz, p_currencies text[],
    p_line_start int[], p_line_count int[], p_types text[], p_owners uuid[], p_non_negative boolean[],
    p_amounts bigint[], p_drawing text[], p_fallback_slots int[])
returns table (transfer_ord int, entry_id bigint, account_id uuid, amount_minor bigint, balances_updated bigint)
language plpgsql
set plan_cache_mode = force_generic_plan set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off
as $$
#variable_conflict use_column
declare
    transfers int := coalesce(cardinality(p_transfers), 0);
    lines int := coalesce(cardinality(p_types), 0);
    line_transfers int[];
    line_currencies char(3)[];
    line_accounts uuid[];
    found_accounts int;
    accounts uuid[];
    sums bigint[];
    postable boolean;
    slotted_accounts uuid[];
    slots int[];
begin
    if transfers = 0 then
        return;
    end if;
    -- Each line's transfer (the lines of transfer i follow those of transfer i - 1, from p_line_start[i]).
    select array_agg(t.ord order by t.ord, g.n), array_agg(cast(p_currencies[t.ord] as char(3)) order by t.ord, g.n)
      into line_transfers, line_currencies
      from unnest(p_line_start, p_line_count) with ordinality as t(start, count, ord)
      cross join lateral generate_series(1, t.count) as g(n);
    if cardinality(line_transfers) is distinct from lines
       or (select count(distinct k) from unnest(p_posting_keys) as k) <> transfers
       or exists (select 1 from ledger.transfer t where t.posting_key = any(p_posting_keys)) then
        return;
    end if;

    select array_agg(a.account_id order by a.ord), count(a.account_id)
      into line_accounts, found_accounts
      from ledger.keyed_accounts(p_types, p_owners, p_non_negative, line_currencies) a;
    if found_accounts is distinct from lines then
        return;
    end if;

    select array_agg(s.account_id order by s.account_id), array_agg(s.total order by s.account_id)
      into accounts, sums
      from (select l.account_id, cast(sum(l.amount) as bigint) as total
              from unnest(line_accounts, p_amounts) as l(account_id, amount) group by l.account_id) s;

    -- The locks of post_keyed_transfer, taken once for the batch (lock_for_posting on each account's summed line); then
    -- each line's rule on its account, strict floors on the running balance in line order.
    with locked as materialized (select * from ledger.lock_for_posting(accounts, sums, p_drawing)),
    checked as (
        select case
                   when m.striped and (not m.non_negative or l.normal_amount > 0) then m.loose
                   when m.striped and l.normal_amount < 0 then m.drawn and m.slot >= 0
                   when m.striped then false
                   when m.non_negative then
                       (case m.normal_side when 'DEBIT' then m.balance_minor else -m.balance_minor end)
                       + sum(l.normal_amount) over (partition by l.account_id order by l.ord) >= 0
                   else true end as ok
          from locked m cross join lateral (
              select x.account_id, x.ord, case m.normal_side when 'DEBIT' then x.amount else -x.amount end as normal_amount
                from unnest(line_accounts, p_amounts) with ordinality as x(account_id, amount, ord)
               where x.account_id = m.account_id) l)
    select (select coalesce(bool_and(c.ok), false) and count(*) = lines from checked c),
           (select coalesce(array_agg(m.account_id order by m.account_id) filter (where m.loose or m.drawn), '{}')
              from locked m),
           (select coalesce(array_agg(m.slot order by m.account_id) filter (where m.loose or m.drawn), '{}')
              from locked m)
      into postable, slotted_accounts, slots;
    if not postable then
        return;
    end if;

    -- As post_keyed_transfer's statement, for the whole batch: every balance row and slot written once.
    return query
    with header as (
        insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)
        select t.id, t.posting_key, t.description, p_posted_at, true
          from unnest(p_transfers, p_posting_keys, p_descriptions) with ordinality as t(id, posting_key, description, ord)
         order by t.ord
        on conflict on constraint transfer_posting_key do nothing
        returning id),
    posted as (
        insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
        select p_transfers[v.transfer], v.account_id, v.amount_minor, cast(p_currencies[v.transfer] as char(3)), p_posted_at
          from unnest(line_accounts, p_amounts, line_transfers) with ordinality as v(account_id, amount_minor, transfer, ord)
         where p_transfers[v.transfer] in (select h.id from header h)
         order by v.ord
        returning id, transfer_id, account_id, amount_minor),
    delta as materialized (
        select p.account_id, cast(sum(p.amount_minor) as bigint) as amount_minor from posted p group by p.account_id),
    picked as materialized (
        select l.account_id,
               ledger.posting_slot(l.account_id, l.slot, p_fallback_slots[1 + (l.ord - 1) % transfers]) as slot
          from unnest(slotted_accounts, slots) with ordinality as l(account_id, slot, ord)),
    main as (
        update ledger.balance b set balance_minor = b.balance_minor + d.amount_minor, updated_at = p_posted_at
          from delta d where b.account_id = d.account_id and d.account_id <> all(slotted_accounts)
        returning b.account_id),
    slotted as (
        update ledger.balance_slot s set balance_minor = s.balance_minor + d.amount_minor, updated_at = p_posted_at
          from delta d join picked k on k.account_id = d.account_id
         where s.account_id = k.account_id and s.slot = k.slot
        returning s.account_id)
    select cast(array_position(p_transfers, p.transfer_id) as int), p.id, p.account_id, p.amount_minor,
           (select count(*) from main) + (select count(*) from slotted)
      from posted p
     order by p.id;
end $$;
