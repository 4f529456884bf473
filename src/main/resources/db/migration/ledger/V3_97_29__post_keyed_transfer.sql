-- Issue 15: a single posting whose accounts are named by chart code and owner in ONE round trip (the redemption's hot
-- path posted in three: accounts read, balances locked, header + entries + balances written). The function does what
-- Ledger.post does on its common path, with the same SQL shapes (LedgerRepository.lockForPosting and
-- insertTransferAndEntries), and gives up — writing nothing, keeping the locks it took — whenever that path would do
-- more: an account to open (or opened with another floor), a striped balance to fold, a drawn line without a free slot
-- holding enough, a floor the lines would break, or a posting key already taken. It then answers no rows and the Java
-- facade finishes the posting on its general path under the same locks (which refuses, replays or opens as before).
-- Header and entries are written in one statement flagged entries_in_statement, so the per-statement trigger of
-- V3_90_1 checks the transfer balances at once and no deferred trigger is left for the commit.
create or replace function ledger.post_keyed_transfer(
    p_transfer uuid, p_posting_key text, p_description text, p_posted_at timestamptz, p_currency char(3),
    p_types text[], p_owners uuid[], p_non_negative boolean[], p_amounts bigint[], p_drawing text[], p_fallback_slot int)
returns table (entry_id bigint, account_id uuid, amount_minor bigint, balances_updated bigint)
language plpgsql as $$
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

    -- As LedgerRepository.lockForPosting: main rows of the lines that are neither loose nor drawn locked in id order,
    -- then a free slot holding enough for each drawn line (skip locked); then whether the common path may post.
    with line as (select * from unnest(accounts, p_amounts) as l(account_id, amount)),
    meta as (
        select b.account_id, b.normal_side, b.non_negative, b.balance_minor, m.striped, d.normal_amount,
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
        select m.account_id, p.slot
          from meta m cross join lateral (
              select s.slot from ledger.balance_slot s
               where m.drawn and s.account_id = m.account_id
                 and (case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end)
                     + m.normal_amount >= 0
                 and (select count(*) from locked) >= 0
               order by case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end desc, s.slot
               limit 1
                 for update skip locked) p)
    select coalesce(bool_and(case
               when m.loose then true
               when m.drawn then w.slot is not null
               when m.striped then false
               when m.non_negative then
                   (case m.normal_side when 'DEBIT' then k.balance_minor else -k.balance_minor end) + m.normal_amount >= 0
               else true end), false) and count(*) = lines,
           coalesce(array_agg(m.account_id) filter (where m.loose or m.drawn), '{}'),
           coalesce(array_agg(coalesce(w.slot, -1)) filter (where m.loose or m.drawn), '{}')
      into postable, slotted_accounts, slots
      from meta m left join locked k on k.account_id = m.account_id
      left join drawn w on w.account_id = m.account_id;
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
