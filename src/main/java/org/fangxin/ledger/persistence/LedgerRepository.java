package org.fangxin.ledger.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.EntryView;
import org.fangxin.ledger.Side;
import org.fangxin.ledger.TransferId;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for posting one transfer at a time on the general path. Keyed postings ({@link KeyedPostingRepository}), accounts
 * ({@link AccountRepository}), bulk posting
 * ({@link BulkPostingRepository}), entry reports ({@link EntryQueries}) and the invariant checks ({@link InvariantQueries}) are apart. Only the Ledger
 * facade calls them, inside its transactions.
 */
@Repository
public class LedgerRepository {

    private final JdbcClient jdbc;

    public LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A balance read for a posting, with what the non-negative check needs: under the main row's lock, or, for a
     * {@code loose} line (an account with slots that the line moves away from its floor), without any lock, or, for a
     * {@code drawn} line that found a slot holding enough ({@code slot} ≥ 0), that slot's balance under its lock.
     * {@code striped}: the account has balance slots. {@code drawn}: a line that lowers a floored account whose code
     * draws from slots ({@link AccountType#drawsFromSlots}); {@code slot} is -1 until one is picked.
     */
    public record LockedBalance(AccountId account, Currency currency, Side normalSide, boolean nonNegative,
                                long balanceMinor, boolean striped, boolean loose, boolean drawn, int slot) {

        public LockedBalance(AccountId account, Currency currency, Side normalSide, boolean nonNegative, long balanceMinor) {
            this(account, currency, normalSide, nonNegative, balanceMinor, false, false, false, NO_SLOT);
        }

        public LockedBalance withBalance(long newBalanceMinor) {
            return new LockedBalance(account, currency, normalSide, nonNegative, newBalanceMinor, striped, loose, drawn, slot);
        }

        /** The line is posted to its slot: this balance is that slot's, held under its lock. */
        public LockedBalance inSlot(int pickedSlot, long slotBalanceMinor) {
            return new LockedBalance(account, currency, normalSide, nonNegative, slotBalanceMinor, striped, loose, drawn,
                    pickedSlot);
        }

        /** Whether the line goes to a slot rather than to the main row. */
        public boolean slotted() {
            return loose || slot != NO_SLOT;
        }
    }

    /** {@link LockedBalance#slot} of a line that has no slot picked (yet). */
    public static final int NO_SLOT = -1;

    /** Posted transfer header (without entries). */
    public record TransferRow(TransferId id, String postingKey, String description, Instant postedAt,
                              TransferId reverses, TransferId reversedBy) {
    }

    /**
     * Reads the balances a transfer's lines need and locks the main rows of the accounts whose line is neither loose nor
     * drawn, in ascending id order (as {@link #lockBalances}). A line is loose when its account has balance slots and the
     * line cannot take it below zero (no floor, or a movement away from it): it is added to a free slot later
     * ({@link #insertTransferAndEntries}), so the main row is not locked and its balance is read only for the
     * currency check. A line is drawn when it lowers a floored striped account whose code draws from slots: after the
     * main rows, it takes the free slot holding the most, if that is enough (SKIP LOCKED, so it never waits here),
     * and answers that slot and its balance; slot -1 when none was free with enough. A striped account whose line is
     * neither must have its slots folded ({@link #foldSlots}).
     */
    public List<LockedBalance> lockForPosting(List<EntryLine> lines) {
        UUID[] ids = new UUID[lines.size()];
        Long[] amounts = new Long[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            ids[i] = lines.get(i).account().value();
            amounts[i] = lines.get(i).amount().amountMinor();
        }
        // One copy of this SQL: ledger.lock_for_posting (migration V3_97_47), which ledger.post_keyed_transfer calls too.
        return jdbc.sql("""
                select account_id, currency, normal_side, non_negative, balance_minor, striped, loose, drawn, slot
                  from ledger.lock_for_posting(cast(:ids as uuid[]), cast(:amounts as bigint[]), cast(:drawing as text[]))
                """)
                .param("ids", ids).param("amounts", amounts).param("drawing", DRAWING)
                .query((rs, n) -> new LockedBalance(new AccountId(rs.getObject(1, UUID.class)),
                        Currency.getInstance(rs.getString(2)), Side.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getLong(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9)))
                .list();
    }

    /**
     * Folds the balance slots of these accounts into their main rows: locks every slot (after the caller locked the
     * main rows, in account and slot order), moves the slots' sums to the main rows and sets the slots to zero. The
     * balance (main + slots) and the entries do not change. Answers the new main balance of each account that had a
     * non-zero slot.
     */
    public Map<AccountId, Long> foldSlots(UUID[] ids, Instant now) {
        return jdbc.sql("""
                with slot as materialized (
                    select account_id, slot, balance_minor from ledger.balance_slot
                     where account_id = any(:ids)
                     order by account_id, slot
                       for update),
                emptied as (
                    update ledger.balance_slot t set balance_minor = 0, updated_at = :now
                      from slot s
                     where t.account_id = s.account_id and t.slot = s.slot and s.balance_minor <> 0
                    returning t.account_id, s.balance_minor as moved)
                update ledger.balance b set balance_minor = b.balance_minor + x.moved, updated_at = :now
                  from (select account_id, sum(moved) as moved from emptied group by account_id) x
                 where b.account_id = x.account_id
                returning b.account_id, b.balance_minor
                """)
                .param("ids", ids).param("now", Timestamp.from(now))
                .query((rs, n) -> Map.entry(new AccountId(rs.getObject(1, UUID.class)), rs.getLong(2))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Locks the balance rows of these accounts in ascending id order (the ORDER BY runs before the row locks are
     * taken), so two transfers touching the same accounts always lock in the same order and cannot deadlock.
     */
    public List<LockedBalance> lockBalances(Collection<AccountId> accounts) {
        List<UUID> ids = accounts.stream().map(AccountId::value).sorted().toList();
        return jdbc.sql("""
                select account_id, currency, normal_side, non_negative, balance_minor
                  from ledger.balance
                 where account_id = any(cast(:ids as uuid[]))
                 order by account_id
                   for update
                """)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> new LockedBalance(new AccountId(rs.getObject(1, UUID.class)),
                        Currency.getInstance(rs.getString(2)), Side.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getLong(5)))
                .list();
    }

    /**
     * Inserts a transfer's header (unless its posting key exists, waiting for a concurrent insert), its entries, and adds
     * them to the balances, in one statement (one round trip instead of two plus two per line); returns the entries as
     * posted, in line order, or none when the posting key was taken (nothing written). The main balance rows must be locked by the caller, except
     * those of the {@code slotted} accounts: a line whose slot was picked under its lock (a drawn line) goes to that slot,
     * any other (a loose line) to the slot holding least of those no other transaction holds (SKIP LOCKED, so
     * increases spread over the slots), or, when every slot is taken, to a random one (waiting for it), so concurrent
     * postings rarely wait.
     */
    public List<EntryView> insertTransferAndEntries(TransferRow header, List<EntryLine> lines,
                                                    Map<AccountId, Integer> slotted) {
        TransferId transfer = header.id();
        Instant postedAt = header.postedAt();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(cast(:account").append(i).append(" as uuid), cast(:amount")
                    .append(i).append(" as bigint), cast(:currency").append(i).append(" as char(3)))");
        }
        UUID[] slottedAccounts = new UUID[slotted.size()];
        Integer[] slots = new Integer[slotted.size()];
        int k = 0;
        for (Map.Entry<AccountId, Integer> line : slotted.entrySet()) {
            slottedAccounts[k] = line.getKey().value();
            slots[k++] = line.getValue();
        }
        var statement = jdbc.sql("""
                with header as (
                    insert into ledger.transfer (id, posting_key, description, posted_at, reverses_id)
                    values (:transfer, :key, :description, :postedAt, :reverses)
                    on conflict on constraint transfer_posting_key do nothing
                    returning id),
                posted as (
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    select h.id, v.account_id, v.amount_minor, v.currency, :postedAt
                      from header h cross join (values %s) as v(account_id, amount_minor, currency)
                    returning id, transfer_id, account_id, amount_minor, currency, posted_at),
                picked as materialized (
                    select l.account_id,
                           case when l.slot >= 0 then l.slot else
                           coalesce((select s.slot from ledger.balance_slot s where s.account_id = l.account_id
                                      order by case s.normal_side when 'DEBIT' then s.balance_minor else -s.balance_minor end,
                                               s.slot
                                      limit 1 for update skip locked), :fallbackSlot) end as slot
                      from unnest(cast(:slotted as uuid[]), cast(:slots as int[])) as l(account_id, slot)),
                main as (
                    update ledger.balance b set balance_minor = b.balance_minor + p.amount_minor, updated_at = :postedAt
                      from posted p where b.account_id = p.account_id and p.account_id <> all(cast(:slotted as uuid[]))
                    returning b.account_id),
                slotted as (
                    update ledger.balance_slot s set balance_minor = s.balance_minor + p.amount_minor, updated_at = :postedAt
                      from posted p join picked k on k.account_id = p.account_id
                     where s.account_id = k.account_id and s.slot = k.slot
                    returning s.account_id)
                select p.id, p.transfer_id, p.account_id, p.amount_minor, p.currency, p.posted_at,
                       (select count(*) from main) + (select count(*) from slotted) as balances_updated
                  from posted p order by p.id
                """.formatted(values))
                .param("transfer", transfer.value()).param("postedAt", Timestamp.from(postedAt))
                .param("key", header.postingKey()).param("description", header.description())
                .param("reverses", header.reverses() == null ? null : header.reverses().value())
                .param("slotted", slottedAccounts).param("slots", slots)
                .param("fallbackSlot", ThreadLocalRandom.current().nextInt(AccountType.BALANCE_SLOTS));
        for (int i = 0; i < lines.size(); i++) {
            EntryLine line = lines.get(i);
            statement = statement.param("account" + i, line.account().value())
                    .param("amount" + i, line.amount().amountMinor())
                    .param("currency" + i, line.amount().currency().getCurrencyCode());
        }
        record Posted(EntryView entry, long balancesUpdated) { }
        List<Posted> posted = statement.query((rs, n) -> new Posted(entry(rs, n), rs.getLong(7))).list();
        if (posted.isEmpty()) {
            return List.of();
        }
        long balancesUpdated = posted.get(0).balancesUpdated();
        if (posted.size() != lines.size() || balancesUpdated != lines.size()) {
            throw new IllegalStateException("transfer " + transfer + ": " + posted.size() + " entries posted and "
                    + balancesUpdated + " balances updated for " + lines.size() + " lines");
        }
        List<EntryView> entries = posted.stream().map(Posted::entry).toList();
        return entries;
    }

    /** The chart codes whose decreases draw from a slot (the posting functions' {@code p_drawing}). */
    static final String[] DRAWING = java.util.Arrays.stream(AccountType.values())
            .filter(AccountType::drawsFromSlots).map(Enum::name).toArray(String[]::new);

    public void addToBalance(AccountId account, long deltaMinor, Instant now) {
        int updated = jdbc.sql("""
                update ledger.balance set balance_minor = balance_minor + :delta, updated_at = :now
                 where account_id = :id
                """)
                .param("delta", deltaMinor).param("now", Timestamp.from(now)).param("id", account.value())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("no balance row for account " + account);
        }
    }

    public Optional<TransferRow> findTransfer(String postingKey) {
        return jdbc.sql(TRANSFER_SELECT + " where t.posting_key = :key")
                .param("key", postingKey).query(LedgerRepository::transfer).optional();
    }

    public Optional<TransferRow> findTransfer(TransferId id) {
        return jdbc.sql(TRANSFER_SELECT + " where t.id = :id")
                .param("id", id.value()).query(LedgerRepository::transfer).optional();
    }

    private static final String TRANSFER_SELECT = """
            select t.id, t.posting_key, t.description, t.posted_at, t.reverses_id,
                   (select r.id from ledger.transfer r where r.reverses_id = t.id) as reversed_by
              from ledger.transfer t
            """;

    public List<EntryView> entriesOfTransfer(TransferId id) {
        return jdbc.sql("""
                select id, transfer_id, account_id, amount_minor, currency, posted_at
                  from ledger.entry where transfer_id = :id order by id
                """)
                .param("id", id.value()).query(LedgerRepository::entry).list();
    }

    static TransferRow transfer(ResultSet rs, int n) throws SQLException {
        UUID reverses = rs.getObject(5, UUID.class);
        UUID reversedBy = rs.getObject(6, UUID.class);
        return new TransferRow(new TransferId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), reverses == null ? null : new TransferId(reverses),
                reversedBy == null ? null : new TransferId(reversedBy));
    }

    static EntryView entry(ResultSet rs, int n) throws SQLException {
        long amount = rs.getLong(4);
        return new EntryView(rs.getLong(1), new TransferId(rs.getObject(2, UUID.class)),
                new AccountId(rs.getObject(3, UUID.class)), amount > 0 ? Side.DEBIT : Side.CREDIT,
                new Money(amount, Currency.getInstance(rs.getString(5))), rs.getTimestamp(6).toInstant());
    }

    /** Turns posted entry views back into lines, for comparing a replayed posting with the stored one. */
    public static List<EntryLine> lines(List<EntryView> entries) {
        List<EntryLine> lines = new ArrayList<>(entries.size());
        for (EntryView entry : entries) {
            lines.add(new EntryLine(entry.accountId(), entry.amount()));
        }
        return lines;
    }
}
