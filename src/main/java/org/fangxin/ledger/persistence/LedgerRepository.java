package org.fangxin.ledger.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.EntryView;
import org.fangxin.ledger.InvariantReport.CurrencyTotals;
import org.fangxin.ledger.Side;
import org.fangxin.ledger.TransferId;
import org.fangxin.ledger.TransferView;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the ledger schema. Only the Ledger facade calls it, inside its transactions. */
@Repository
public class LedgerRepository {

    private static final String ACCOUNT_COLUMNS = """
            a.id, a.type, a.owner_id, a.currency, a.normal_side, a.non_negative, a.opened_at, b.balance_minor
            """;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;

    public LedgerRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A balance row read under its row lock, with what the non-negative check needs. */
    public record LockedBalance(AccountId account, Currency currency, Side normalSide, boolean nonNegative,
                                long balanceMinor) {
    }

    /** Posted transfer header (without entries). */
    public record TransferRow(TransferId id, String postingKey, String description, Instant postedAt,
                              TransferId reverses, TransferId reversedBy) {
    }

    /** Inserts the account and its zero balance unless an account with this identity exists; true if inserted. */
    public boolean insertAccountIfAbsent(UUID id, AccountType type, UUID ownerId, Currency currency, boolean nonNegative,
                                         Instant now) {
        int inserted = jdbc.sql("""
                insert into ledger.account (id, type, owner_id, currency, normal_side, non_negative, opened_at)
                values (:id, :type, :owner, :currency, :side, :nonNegative, :now)
                on conflict on constraint account_identity do nothing
                """)
                .param("id", id).param("type", type.name()).param("owner", ownerId)
                .param("currency", currency.getCurrencyCode()).param("side", type.normalSide().name())
                .param("nonNegative", nonNegative).param("now", Timestamp.from(now))
                .update();
        if (inserted == 1) {
            jdbc.sql("""
                    insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
                    values (:id, :currency, :side, :nonNegative, 0, :now)
                    """)
                    .param("id", id).param("currency", currency.getCurrencyCode()).param("side", type.normalSide().name())
                    .param("nonNegative", nonNegative).param("now", Timestamp.from(now))
                    .update();
        }
        return inserted == 1;
    }

    public Optional<AccountView> findAccount(AccountType type, UUID ownerId, Currency currency) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from ledger.account a join ledger.balance b on b.account_id = a.id
                 where a.type = :type and a.owner_id is not distinct from :owner and a.currency = :currency
                """)
                .param("type", type.name()).param("owner", ownerId).param("currency", currency.getCurrencyCode())
                .query(LedgerRepository::account).optional();
    }

    public Optional<AccountView> findAccount(AccountId id) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from ledger.account a join ledger.balance b on b.account_id = a.id
                 where a.id = :id
                """)
                .param("id", id.value()).query(LedgerRepository::account).optional();
    }

    public List<AccountView> accounts(AccountType type, UUID ownerId, int offset, int limit) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from ledger.account a join ledger.balance b on b.account_id = a.id
                 where (cast(:type as text) is null or a.type = :type)
                   and (cast(:owner as uuid) is null or a.owner_id = :owner)
                 order by a.opened_at, a.id
                 offset :offset limit :limit
                """)
                .param("type", type == null ? null : type.name()).param("owner", ownerId)
                .param("offset", offset).param("limit", limit)
                .query(LedgerRepository::account).list();
    }

    public long countAccounts(AccountType type, UUID ownerId) {
        return jdbc.sql("""
                select count(*) from ledger.account a
                 where (cast(:type as text) is null or a.type = :type)
                   and (cast(:owner as uuid) is null or a.owner_id = :owner)
                """)
                .param("type", type == null ? null : type.name()).param("owner", ownerId)
                .query(Long.class).single();
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
                 where account_id in (:ids)
                 order by account_id
                   for update
                """)
                .param("ids", ids)
                .query((rs, n) -> new LockedBalance(new AccountId(rs.getObject(1, UUID.class)),
                        Currency.getInstance(rs.getString(2)), Side.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getLong(5)))
                .list();
    }

    /** Bulk read: (owner, signed balance, normal side) of the accounts of one code and currency for these owners. */
    public List<Object[]> balancesOfOwners(AccountType type, Currency currency, UUID[] owners) {
        return jdbc.sql("""
                select a.owner_id, b.balance_minor, a.normal_side
                  from ledger.account a join ledger.balance b on b.account_id = a.id
                 where a.type = :type and a.currency = :currency and a.owner_id = any(:owners)
                """)
                .param("type", type.name()).param("currency", currency.getCurrencyCode()).param("owners", owners)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2), Side.valueOf(rs.getString(3))})
                .list();
    }

    /** Bulk open: inserts the missing accounts (and their zero balances) of one code and currency for these owners. */
    public void insertAccountsIfAbsent(AccountType type, Currency currency, boolean nonNegative, UUID[] ids, UUID[] owners,
                                       Instant now) {
        jdbc.sql("""
                with inserted as (
                    insert into ledger.account (id, type, owner_id, currency, normal_side, non_negative, opened_at)
                    select o.id, :type, o.owner, :currency, :side, :nonNegative, :now
                      from unnest(:ids, :owners) as o(id, owner)
                    on conflict on constraint account_identity do nothing
                    returning id)
                insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
                select id, :currency, :side, :nonNegative, 0, :now from inserted
                """)
                .param("type", type.name()).param("currency", currency.getCurrencyCode())
                .param("side", type.normalSide().name()).param("nonNegative", nonNegative).param("now", Timestamp.from(now))
                .param("ids", ids).param("owners", owners)
                .update();
    }

    /** Bulk read: (owner → account id, non-negative) of one code and currency for these owners. */
    public List<Object[]> accountsOfOwners(AccountType type, Currency currency, UUID[] owners) {
        return jdbc.sql("""
                select a.owner_id, a.id, a.non_negative from ledger.account a
                 where a.type = :type and a.currency = :currency and a.owner_id = any(:owners)
                """)
                .param("type", type.name()).param("currency", currency.getCurrencyCode()).param("owners", owners)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), new AccountId(rs.getObject(2, UUID.class)),
                        rs.getBoolean(3)})
                .list();
    }

    /** As {@link #lockBalances} for many accounts (an array parameter, no limit on bind parameters). */
    public List<LockedBalance> lockBalancesBulk(Collection<AccountId> accounts) {
        UUID[] ids = accounts.stream().map(AccountId::value).sorted().distinct().toArray(UUID[]::new);
        return jdbc.sql("""
                select account_id, currency, normal_side, non_negative, balance_minor
                  from ledger.balance
                 where account_id = any(:ids)
                 order by account_id
                   for update
                """)
                .param("ids", ids)
                .query((rs, n) -> new LockedBalance(new AccountId(rs.getObject(1, UUID.class)),
                        Currency.getInstance(rs.getString(2)), Side.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getLong(5)))
                .list();
    }

    /** Bulk read: the transfers (id, key, reverses) holding these posting keys. */
    public List<TransferRow> findTransfers(String[] postingKeys) {
        return jdbc.sql("select t.id, t.posting_key, t.description, t.posted_at, t.reverses_id, null::uuid as reversed_by"
                        + " from ledger.transfer t where t.posting_key = any(:keys)")
                .param("keys", postingKeys).query(LedgerRepository::transfer).list();
    }

    /** Bulk read: the entries of these transfers. */
    public List<EntryView> entriesOfTransfers(UUID[] transferIds) {
        return jdbc.sql("""
                select id, transfer_id, account_id, amount_minor, currency, posted_at
                  from ledger.entry where transfer_id = any(:ids) order by id
                """)
                .param("ids", transferIds).query(LedgerRepository::entry).list();
    }

    /**
     * Bulk write of transfers already validated, replay-checked and floor-checked under the balance locks: headers,
     * entries and one balance update per account, each as one JDBC batch. Answers the number of headers inserted (a
     * posting key taken meanwhile is not inserted; the caller then fails the transaction).
     */
    public int insertTransfers(List<TransferId> ids, List<org.fangxin.ledger.NewTransfer> transfers, Instant postedAt,
                               java.util.Map<AccountId, Long> deltas) {
        Timestamp at = Timestamp.from(postedAt);
        List<Object[]> headers = new ArrayList<>(transfers.size());
        List<Object[]> entries = new ArrayList<>();
        for (int i = 0; i < transfers.size(); i++) {
            var t = transfers.get(i);
            headers.add(new Object[] {ids.get(i).value(), t.postingKey(), t.description(), at});
            for (EntryLine line : t.lines()) {
                entries.add(new Object[] {ids.get(i).value(), line.account().value(), line.amount().amountMinor(),
                        line.amount().currency().getCurrencyCode(), at});
            }
        }
        int inserted = 0;
        for (int n : template().batchUpdate("""
                insert into ledger.transfer (id, posting_key, description, posted_at, reverses_id)
                values (?, ?, ?, ?, null)
                on conflict on constraint transfer_posting_key do nothing
                """, headers)) {
            inserted += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
        }
        if (inserted != transfers.size()) {
            return inserted;
        }
        template().batchUpdate("""
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                values (?, ?, ?, ?, ?)
                """, entries);
        List<Object[]> updates = new ArrayList<>(deltas.size());
        deltas.forEach((account, delta) -> updates.add(new Object[] {delta, at, account.value()}));
        for (int n : template().batchUpdate(
                "update ledger.balance set balance_minor = balance_minor + ?, updated_at = ? where account_id = ?", updates)) {
            if (n == 0) {
                throw new IllegalStateException("a balance row is missing");
            }
        }
        return inserted;
    }

    private org.springframework.jdbc.core.JdbcTemplate template() {
        return template;
    }

    /** Inserts the transfer header unless its posting key exists (waiting for a concurrent insert); true if inserted. */
    public boolean insertTransferIfAbsent(TransferId id, String postingKey, String description, Instant postedAt,
                                          TransferId reverses) {
        return jdbc.sql("""
                insert into ledger.transfer (id, posting_key, description, posted_at, reverses_id)
                values (:id, :key, :description, :postedAt, :reverses)
                on conflict on constraint transfer_posting_key do nothing
                """)
                .param("id", id.value()).param("key", postingKey).param("description", description)
                .param("postedAt", Timestamp.from(postedAt)).param("reverses", reverses == null ? null : reverses.value())
                .update() == 1;
    }

    public void insertEntry(TransferId transfer, EntryLine line, Instant postedAt) {
        jdbc.sql("""
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                values (:transfer, :account, :amount, :currency, :postedAt)
                """)
                .param("transfer", transfer.value()).param("account", line.account().value())
                .param("amount", line.amount().amountMinor()).param("currency", line.amount().currency().getCurrencyCode())
                .param("postedAt", Timestamp.from(postedAt))
                .update();
    }

    /**
     * Inserts a transfer's entries and adds them to the balances in one statement (one round trip instead of two per
     * line); returns the entries as posted, in line order. The balance rows must be locked by the caller.
     */
    public List<EntryView> insertEntriesAndAddToBalances(TransferId transfer, List<EntryLine> lines, Instant postedAt) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:transfer, cast(:account").append(i).append(" as uuid), cast(:amount")
                    .append(i).append(" as bigint), cast(:currency").append(i).append(" as char(3)), :postedAt)");
        }
        var statement = jdbc.sql("""
                with posted as (
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    values %s
                    returning id, transfer_id, account_id, amount_minor, currency, posted_at),
                updated as (
                    update ledger.balance b set balance_minor = b.balance_minor + p.amount_minor, updated_at = :postedAt
                      from posted p where b.account_id = p.account_id
                    returning b.account_id)
                select p.id, p.transfer_id, p.account_id, p.amount_minor, p.currency, p.posted_at,
                       (select count(*) from updated) as balances_updated
                  from posted p order by p.id
                """.formatted(values))
                .param("transfer", transfer.value()).param("postedAt", Timestamp.from(postedAt));
        for (int i = 0; i < lines.size(); i++) {
            EntryLine line = lines.get(i);
            statement = statement.param("account" + i, line.account().value())
                    .param("amount" + i, line.amount().amountMinor())
                    .param("currency" + i, line.amount().currency().getCurrencyCode());
        }
        record Posted(EntryView entry, long balancesUpdated) { }
        List<Posted> posted = statement.query((rs, n) -> new Posted(entry(rs, n), rs.getLong(7))).list();
        long balancesUpdated = posted.isEmpty() ? 0 : posted.get(0).balancesUpdated();
        if (posted.size() != lines.size() || balancesUpdated != lines.size()) {
            throw new IllegalStateException("transfer " + transfer + ": " + posted.size() + " entries posted and "
                    + balancesUpdated + " balances updated for " + lines.size() + " lines");
        }
        List<EntryView> entries = posted.stream().map(Posted::entry).toList();
        return entries;
    }

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

    public List<EntryView> entriesOfAccount(AccountId account, int offset, int limit) {
        return jdbc.sql("""
                select id, transfer_id, account_id, amount_minor, currency, posted_at
                  from ledger.entry where account_id = :account
                 order by posted_at desc, id desc
                 offset :offset limit :limit
                """)
                .param("account", account.value()).param("offset", offset).param("limit", limit)
                .query(LedgerRepository::entry).list();
    }

    public long countEntriesOfAccount(AccountId account) {
        return jdbc.sql("select count(*) from ledger.entry where account_id = :account")
                .param("account", account.value()).query(Long.class).single();
    }

    /** The account's entries posted from (inclusive) to (exclusive), oldest first, with their transfers' posting keys; at most limit. */
    public List<org.fangxin.ledger.PostedEntry> entriesBetween(AccountId account, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                select e.id, e.transfer_id, e.account_id, e.amount_minor, e.currency, e.posted_at, t.posting_key
                  from ledger.entry e join ledger.transfer t on t.id = e.transfer_id
                 where e.account_id = :account and e.posted_at >= :from and e.posted_at < :to
                 order by e.posted_at, e.id
                 limit :limit
                """)
                .param("account", account.value()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("limit", limit)
                .query((rs, n) -> new org.fangxin.ledger.PostedEntry(entry(rs, n), rs.getString(7))).list();
    }

    /** The account's entries, newest first, with their transfers' posting keys; at most limit. */
    public List<org.fangxin.ledger.PostedEntry> latestEntries(AccountId account, int limit) {
        return jdbc.sql("""
                select e.id, e.transfer_id, e.account_id, e.amount_minor, e.currency, e.posted_at, t.posting_key
                  from ledger.entry e join ledger.transfer t on t.id = e.transfer_id
                 where e.account_id = :account
                 order by e.posted_at desc, e.id desc
                 limit :limit
                """)
                .param("account", account.value()).param("limit", limit)
                .query((rs, n) -> new org.fangxin.ledger.PostedEntry(entry(rs, n), rs.getString(7))).list();
    }

    /** One row of posting sums: the group (the key segment after the prefix, or "" ungrouped), code, totals, transfers. */
    public record PrefixSumRow(String group, org.fangxin.ledger.AccountType type, long debitMinor, long creditMinor,
                               long transfers) { }

    /**
     * Debits and credits per chart code of the transfers whose posting key starts with the prefix (a range scan of
     * the text_pattern_ops index), in one currency; grouped by the key's segment after the prefix when asked.
     */
    public List<PrefixSumRow> sumsByPostingKeyPrefix(String prefix, Currency currency, boolean grouped) {
        String group = grouped ? "split_part(substr(t.posting_key, :start), ':', 1)" : "''";
        return jdbc.sql("""
                with matched as (
                    select t.id, %s as grp from ledger.transfer t where t.posting_key like :pattern escape '\\'
                ), counted as (select grp, count(*) as transfers from matched group by grp)
                select m.grp, a.type,
                       coalesce(sum(e.amount_minor) filter (where e.amount_minor > 0), 0) as debits,
                       coalesce(-sum(e.amount_minor) filter (where e.amount_minor < 0), 0) as credits,
                       c.transfers
                  from matched m
                  join counted c on c.grp = m.grp
                  join ledger.entry e on e.transfer_id = m.id and e.currency = :currency
                  join ledger.account a on a.id = e.account_id
                 group by m.grp, a.type, c.transfers
                """.formatted(group))
                .param("pattern", likePrefix(prefix)).param("start", prefix.length() + 1)
                .param("currency", currency.getCurrencyCode())
                .query((rs, n) -> new PrefixSumRow(rs.getString(1), org.fangxin.ledger.AccountType.valueOf(rs.getString(2)),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The signed sum of the account's entries posted at or before the instant. */
    public long sumOfEntries(AccountId account, Instant asOf) {
        return jdbc.sql("""
                select coalesce(sum(amount_minor), 0) from ledger.entry
                 where account_id = :account and posted_at <= :asOf
                """)
                .param("account", account.value()).param("asOf", Timestamp.from(asOf))
                .query(Long.class).single();
    }

    // --- invariant queries (each returns the violations, a bounded number of examples) ---

    public List<String> unbalancedTransfers(int limit) {
        return jdbc.sql("""
                select t.id::text || ' ' || coalesce(string_agg(e.currency || ' ' || e.total, ', '), 'no entries')
                  from ledger.transfer t
                  left join (select transfer_id, currency, sum(amount_minor) as total, count(*) as lines
                               from ledger.entry group by transfer_id, currency) e on e.transfer_id = t.id
                 group by t.id
                having count(e.transfer_id) = 0 or bool_or(e.total <> 0) or sum(e.lines) < 2
                 limit :limit
                """)
                .param("limit", limit).query(String.class).list();
    }

    public List<String> nonZeroBalanceSums() {
        return jdbc.sql("""
                select currency || ' ' || sum(balance_minor) from ledger.balance
                 group by currency having sum(balance_minor) <> 0 order by currency
                """)
                .query(String.class).list();
    }

    public List<String> negativeConstrainedAccounts(int limit) {
        return jdbc.sql("""
                select account_id::text || ' ' || currency || ' ' || balance_minor from ledger.balance
                 where non_negative and (case normal_side when 'DEBIT' then balance_minor else -balance_minor end) < 0
                 limit :limit
                """)
                .param("limit", limit).query(String.class).list();
    }

    public List<String> balancesDifferingFromEntries(int limit) {
        return jdbc.sql("""
                select b.account_id::text || ' stored ' || b.balance_minor || ' entries ' || coalesce(e.total, 0)
                  from ledger.balance b
                  left join (select account_id, sum(amount_minor) as total from ledger.entry group by account_id) e
                         on e.account_id = b.account_id
                 where b.balance_minor <> coalesce(e.total, 0)
                 limit :limit
                """)
                .param("limit", limit).query(String.class).list();
    }

    public List<CurrencyTotals> totals() {
        return jdbc.sql("""
                select c.currency,
                       coalesce(e.debits, 0), coalesce(e.credits, 0), c.balance_sum, c.accounts, coalesce(e.entries, 0)
                  from (select currency, sum(balance_minor) as balance_sum, count(*) as accounts
                          from ledger.balance group by currency) c
                  left join (select currency,
                                    sum(amount_minor) filter (where amount_minor > 0) as debits,
                                    -sum(amount_minor) filter (where amount_minor < 0) as credits,
                                    count(*) as entries
                               from ledger.entry group by currency) e on e.currency = c.currency
                 order by c.currency
                """)
                .query((rs, n) -> {
                    Currency currency = Currency.getInstance(rs.getString(1));
                    return new CurrencyTotals(currency.getCurrencyCode(), new Money(rs.getLong(2), currency),
                            new Money(rs.getLong(3), currency), new Money(rs.getLong(4), currency), rs.getLong(5), rs.getLong(6));
                })
                .list();
    }

    private static AccountView account(ResultSet rs, int n) throws SQLException {
        AccountType type = AccountType.valueOf(rs.getString(2));
        Currency currency = Currency.getInstance(rs.getString(4));
        Side normalSide = Side.valueOf(rs.getString(5));
        long balance = rs.getLong(8);
        return new AccountView(new AccountId(rs.getObject(1, UUID.class)), type, rs.getObject(3, UUID.class), normalSide,
                rs.getBoolean(6), new Money(balance, currency), new Money(normalSide.normal(balance), currency),
                rs.getTimestamp(7).toInstant());
    }

    private static TransferRow transfer(ResultSet rs, int n) throws SQLException {
        UUID reverses = rs.getObject(5, UUID.class);
        UUID reversedBy = rs.getObject(6, UUID.class);
        return new TransferRow(new TransferId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), reverses == null ? null : new TransferId(reverses),
                reversedBy == null ? null : new TransferId(reversedBy));
    }

    private static EntryView entry(ResultSet rs, int n) throws SQLException {
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
