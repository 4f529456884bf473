package org.fangxin.ledger.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.fangxin.ledger.AccountId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for a drawn line (a decrease of a floored account whose code draws from slots, docs/ledger.md "Balances") that
 * found no free slot holding enough in {@link LedgerRepository#lockForPosting}: first it waits for a slot that holds
 * enough, and only when none does it folds the account under its main row and spreads what stays over the slots.
 */
@Repository
public class SlotDraws {

    /** A slot taken for a drawn line, with its balance under its lock. */
    public record Slot(int slot, long balanceMinor) { }

    private final JdbcClient jdbc;

    public SlotDraws(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks a slot of the account that holds at least {@code normalAmount} (normal side), waiting for it if another
     * transaction holds it; slots are tried in random order, and one that no longer holds enough once its holder
     * committed is passed over (PostgreSQL re-checks the condition on the row it waited for). Empty when none holds
     * enough: the caller then locks the main row and {@link #foldAndSpread}s.
     */
    public Optional<Slot> waitForSlotHolding(AccountId account, long normalAmount) {
        // A slot freed since lockForPosting looked is taken without waiting: with 32 redeems of one merchant in flight
        // on its 8 advance slots, waiting on a random held slot cost 4-12 ms per redeem (session 11). Only when every
        // slot holding enough is held does the draw queue on one.
        return slotHolding(account, normalAmount, "for update skip locked")
                .or(() -> slotHolding(account, normalAmount, "for update"));
    }

    private Optional<Slot> slotHolding(AccountId account, long normalAmount, String lock) {
        return jdbc.sql("""
                select slot, balance_minor from ledger.balance_slot
                 where account_id = :id
                   and (case normal_side when 'DEBIT' then balance_minor else -balance_minor end) >= :amount
                 order by random()
                 limit 1
                """ + lock)
                .param("id", account.value()).param("amount", normalAmount)
                .query((rs, n) -> new Slot(rs.getInt(1), rs.getLong(2))).optional();
    }

    /**
     * Under the account's main row lock (the caller's): locks every slot, then leaves the main row holding at least
     * {@code keepNormal} (normal side) and spreads the rest evenly over the slots, so later draws find slots holding
     * enough instead of all meeting on the main row again. With n slots and a normal balance N ≥ keep, each slot gets
     * q = ⌊(N − keep) / (n + 1)⌋ and the main row N − n·q ≥ keep; with N &lt; keep (the draw will be refused) every
     * slot is folded into the main row. The balance (main + slots) does not change. Answers the main row's balance.
     */
    public long foldAndSpread(AccountId account, long keepNormal, Instant now) {
        return jdbc.sql("""
                with slot as materialized (
                    select account_id, slot, balance_minor from ledger.balance_slot
                     where account_id = :id
                     order by slot
                       for update),
                total as (
                    select b.balance_minor + coalesce((select sum(balance_minor) from slot), 0)::bigint as t,
                           case b.normal_side when 'DEBIT' then 1 else -1 end as sign,
                           (select count(*) from slot)::bigint as n
                      from ledger.balance b where b.account_id = :id),
                share as (
                    select t, sign, n, case when n = 0 then 0 else greatest(0, div(sign * t - cast(:keep as bigint), n + 1))::bigint end as q
                      from total),
                spread as (
                    update ledger.balance_slot s set balance_minor = h.sign * h.q, updated_at = :now
                      from slot k, share h
                     where s.account_id = k.account_id and s.slot = k.slot and k.balance_minor <> h.sign * h.q
                    returning s.slot)
                update ledger.balance b set balance_minor = h.t - h.n * h.sign * h.q, updated_at = :now
                  from share h
                 where b.account_id = :id and (select count(*) from spread) >= 0
                returning b.balance_minor
                """)
                .param("id", account.value()).param("keep", keepNormal).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }
}
