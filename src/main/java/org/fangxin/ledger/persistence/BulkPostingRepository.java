package org.fangxin.ledger.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.EntryView;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.Side;
import org.fangxin.ledger.TransferId;
import org.fangxin.ledger.persistence.LedgerRepository.LockedBalance;
import org.fangxin.ledger.persistence.LedgerRepository.TransferRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's bulk SQL (many owners or transfers per statement, array parameters, JDBC batches) for bulk jobs. */
@Repository
public class BulkPostingRepository {

    private final JdbcClient jdbc;

    private final LedgerRepository single;

    public BulkPostingRepository(JdbcClient jdbc, LedgerRepository single) {
        this.jdbc = jdbc;
        this.single = single;
    }

    /**
     * Bulk read: (owner, signed balance, normal side) of the accounts of one code and currency for these owners. A code
     * without balance slots reads the main rows alone: the view's per-row sum over the slots cost a scan of the slot
     * table per account (100,000 scans for a closure's card liabilities) to add nothing.
     */
    public List<Object[]> balancesOfOwners(AccountType type, Currency currency, UUID[] owners) {
        String balances = type.balanceSlots() == 0 ? "ledger.balance" : "ledger.balance_total";
        return jdbc.sql("""
                select a.owner_id, b.balance_minor, a.normal_side
                  from ledger.account a join %s b on b.account_id = a.id
                 where a.type = :type and a.currency = :currency and a.owner_id = any(:owners)
                """.formatted(balances))
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
                    returning id),
                main as (
                    insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
                    select id, :currency, :side, :nonNegative, 0, :now from inserted)
                insert into ledger.balance_slot (account_id, slot, currency, normal_side, non_negative, balance_minor, updated_at)
                select id, s, :currency, :side, :nonNegative, 0, :now from inserted, generate_series(0, :slots - 1) as s
                """)
                .param("type", type.name()).param("currency", currency.getCurrencyCode())
                .param("side", type.normalSide().name()).param("nonNegative", nonNegative).param("now", Timestamp.from(now))
                .param("ids", ids).param("owners", owners).param("slots", type.balanceSlots())
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

    /**
     * As {@link LedgerRepository#lockBalances} for many accounts (an array parameter, no limit on bind parameters),
     * with the balance slots of striped accounts folded into their main rows (all bulk lines are checked strictly).
     */
    public List<LockedBalance> lockBalancesBulk(Collection<AccountId> accounts, Instant now) {
        UUID[] ids = accounts.stream().map(AccountId::value).sorted().distinct().toArray(UUID[]::new);
        List<LockedBalance> locked = jdbc.sql("""
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
        Map<AccountId, Long> folded = single.foldSlots(ids, now);
        return locked.stream().map(b -> b.withBalance(folded.getOrDefault(b.account(), b.balanceMinor()))).toList();
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

    /** One balance update per account (the net change of a bulk posting), one statement; the rows are locked already. */
    public void updateBalances(Map<AccountId, Long> deltas, Instant postedAt) {
        int updated = jdbc.sql("""
                update ledger.balance b set balance_minor = b.balance_minor + d.delta, updated_at = :at
                  from unnest(:accounts, :deltas) as d(account_id, delta) where b.account_id = d.account_id
                """)
                .param("accounts", deltas.keySet().stream().map(AccountId::value).toArray(UUID[]::new))
                .param("deltas", deltas.values().stream().mapToLong(Long::longValue).toArray())
                .param("at", Timestamp.from(postedAt)).update();
        if (updated != deltas.size()) {
            throw new IllegalStateException("a balance row is missing: updated " + updated + " of " + deltas.size());
        }
    }

    /**
     * Bulk write of transfers already validated and replay-checked: headers and entries in ONE statement (arrays
     * unnested by PostgreSQL; entries in line order, so their ids follow the transfers). The headers are flagged
     * {@code entries_in_statement}: the transfers' statement trigger checks each has ≥ 2 entries that balance, set-based,
     * instead of a deferred trigger call per transfer at commit (V3_90_1). Answers the headers inserted: a posting key
     * taken meanwhile is not inserted, nor are its entries (the caller rolls back and re-checks).
     */
    public int insertTransfers(List<TransferId> ids, List<NewTransfer> transfers, Instant postedAt) {
        int n = transfers.stream().mapToInt(t -> t.lines().size()).sum();
        UUID[] transferIds = new UUID[n];
        UUID[] accounts = new UUID[n];
        long[] amounts = new long[n];
        String[] currencies = new String[n];
        int i = 0;
        for (int t = 0; t < transfers.size(); t++) {
            for (EntryLine line : transfers.get(t).lines()) {
                transferIds[i] = ids.get(t).value();
                accounts[i] = line.account().value();
                amounts[i] = line.amount().amountMinor();
                currencies[i] = line.amount().currency().getCurrencyCode();
                i++;
            }
        }
        return jdbc.sql("""
                with header as (
                    insert into ledger.transfer (id, posting_key, description, posted_at, reverses_id, entries_in_statement)
                    select t.id, t.posting_key, t.description, :at, null, true
                      from unnest(:ids, :keys, :descriptions) as t(id, posting_key, description)
                    on conflict on constraint transfer_posting_key do nothing
                    returning id),
                entries as (
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    select e.transfer_id, e.account_id, e.amount_minor, e.currency, :at
                      from unnest(:transfers, :accounts, :amounts, :currencies) with ordinality as e(transfer_id, account_id,
                           amount_minor, currency, n)
                      join header h on h.id = e.transfer_id
                     order by e.n)
                select count(*) from header
                """)
                .param("ids", ids.stream().map(TransferId::value).toArray(UUID[]::new))
                .param("keys", transfers.stream().map(NewTransfer::postingKey).toArray(String[]::new))
                .param("descriptions", transfers.stream().map(NewTransfer::description).toArray(String[]::new))
                .param("transfers", transferIds).param("accounts", accounts).param("amounts", amounts)
                .param("currencies", currencies).param("at", Timestamp.from(postedAt))
                .query(Integer.class).single();
    }
}
