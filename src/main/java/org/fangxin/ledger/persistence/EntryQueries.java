package org.fangxin.ledger.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.EntryView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads over posted entries: an account's pages and windows, balances as of an instant, sums by posting-key prefix. */
@Repository
public class EntryQueries {

    private final JdbcClient jdbc;

    public EntryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                .query((rs, n) -> new org.fangxin.ledger.PostedEntry(LedgerRepository.entry(rs, n), rs.getString(7))).list();
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
                .query((rs, n) -> new org.fangxin.ledger.PostedEntry(LedgerRepository.entry(rs, n), rs.getString(7))).list();
    }

    /** One row of posting sums: the group (the key segment after the prefix, or "" ungrouped), code, totals, transfers. */
    public record PrefixSumRow(String group, org.fangxin.ledger.AccountType type, long debitMinor, long creditMinor,
                               long transfers, long debitEntries) { }

    /**
     * Debits and credits per chart code of the transfers whose posting key starts with the prefix (a range scan of
     * the text_pattern_ops index), in one currency; grouped by the key's segment after the prefix when asked.
     */
    public List<PrefixSumRow> sumsByPostingKeyPrefix(String prefix, Currency currency, boolean grouped) {
        return sumsByPostingKeyPrefix(prefix, currency, grouped, null);
    }

    /** As above, counting only the entries on these accounts (null: all); each transfer's other entries are not read. */
    public List<PrefixSumRow> sumsByPostingKeyPrefix(String prefix, Currency currency, boolean grouped, UUID[] accounts) {
        String group = grouped ? "split_part(substr(t.posting_key, :start), ':', 1)" : "''";
        return jdbc.sql("""
                with matched as (
                    select t.id, %s as grp from ledger.transfer t where t.posting_key like :pattern escape '\\'
                ), counted as (select grp, count(*) as transfers from matched group by grp)
                select m.grp, a.type,
                       coalesce(sum(e.amount_minor) filter (where e.amount_minor > 0), 0) as debits,
                       coalesce(-sum(e.amount_minor) filter (where e.amount_minor < 0), 0) as credits,
                       c.transfers, count(*) filter (where e.amount_minor > 0) as debit_entries
                  from matched m
                  join counted c on c.grp = m.grp
                  join ledger.entry e on e.transfer_id = m.id and e.currency = :currency
                       and (cast(:accounts as uuid[]) is null or e.account_id = any(cast(:accounts as uuid[])))
                  join ledger.account a on a.id = e.account_id
                 group by m.grp, a.type, c.transfers
                """.formatted(group))
                .param("pattern", likePrefix(prefix)).param("start", prefix.length() + 1).param("accounts", accounts)
                .param("currency", currency.getCurrencyCode())
                .query((rs, n) -> new PrefixSumRow(rs.getString(1), org.fangxin.ledger.AccountType.valueOf(rs.getString(2)),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
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
}
