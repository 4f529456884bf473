-- Issue 15 (session 11, ADR 16 amendment): a group commit's transfers posted SET-BASED, not one post_keyed_transfer
-- per transfer (V3_97_1043 looped it: locks, floor checks, header, entries and balance updates once per transfer).
-- ledger.post_keyed_batch takes the same arguments as ledger.post_keyed_transfers and, when the whole batch is on the
-- common path, posts it with one account look-up, ONE ledger.lock_for_posting call for every account the batch touches
-- (its lines summed per account, so main rows are locked once in id order and a drawn line's free slot must cover the
-- account's whole draw), the floors of strict lines checked on running balances in the given order (a window sum), and
-- one statement writing all headers, all entries (in the given order, so entry ids ascend as the loop's do) and each
-- balance row or slot once with its summed delta. The rules are those of post_keyed_transfer, per line: a loose line
-- (striped account, away from its floor) adds to a free slot, a drawn line (advance decrease) to the slot drawn, a
-- strict line on a striped account gives up (it must fold). It gives up — answers no rows, writes nothing, keeps the
-- locks it took — whenever the loop would do anything but post every transfer on the common path: an account not
-- opened, a striped account to fold or with loose and drawn lines in one batch, no free slot covering a draw, a floor
-- the running balance would break, a posting key taken or repeated. The caller then runs ledger.post_keyed_transfers,
-- whose outcome (refusals, replays, the general path) is exactly the loop's. A header skipped by a concurrent posting of
-- its key after the check gets no entries and answers no rows (its transfer is then replayed as by the loop).
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
    select array_agg(t.ord order by t.ord, g.n) into line_transfers
      from unnest(p_line_start, p_line_count) with ordinality as t(start, count, ord)
      cross join lateral generate_series(1, t.count) as g(n);
    if cardinality(line_transfers) is distinct from lines
       or (select count(distinct k) from unnest(p_posting_keys) as k) <> transfers
       or exists (select 1 from ledger.transfer t where t.posting_key = any(p_posting_keys)) then
        return;
    end if;

    select array_agg(a.id order by k.ord), count(a.id)
      into line_accounts, found_accounts
      from unnest(p_types, p_owners, p_non_negative, line_transfers) with ordinality
           as k(type, owner_id, non_negative, transfer, ord)
      left join ledger.account a on a.type = k.type and a.owner_id = k.owner_id
                                and a.currency = cast(p_currencies[k.transfer] as char(3))
                                and a.non_negative = k.non_negative;
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
               case when l.slot >= 0 then l.slot else
               coalesce((select s.slot from ledger.balance_slot s where s.account_id = l.account_id
                          order by case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end, s.slot
                          limit 1 for update skip locked), p_fallback_slots[1 + (l.ord - 1) % transfers]) end as slot
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
