package org.fangxin.ledger.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountKey;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Side;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for ledger accounts: opening one with its zero balance (and slots), and reading accounts with their balances. */
@Repository
public class AccountRepository {

    private static final String ACCOUNT_COLUMNS = """
            a.id, a.type, a.owner_id, a.currency, a.normal_side, a.non_negative, a.opened_at, b.balance_minor
            """;

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                    with main as (
                        insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
                        values (:id, :currency, :side, :nonNegative, 0, :now))
                    insert into ledger.balance_slot (account_id, slot, currency, normal_side, non_negative, balance_minor,
                                                     updated_at)
                    select :id, s, :currency, :side, :nonNegative, 0, :now from generate_series(0, :slots - 1) as s
                    """)
                    .param("id", id).param("currency", currency.getCurrencyCode()).param("side", type.normalSide().name())
                    .param("nonNegative", nonNegative).param("now", Timestamp.from(now)).param("slots", type.balanceSlots())
                    .update();
        }
        return inserted == 1;
    }

    /**
     * Opens an account known to be missing in ONE statement: the account, its balance row and its balance slots (issue 15:
     * a purchase opens its card's account on the hot path; {@link #insertAccountIfAbsent} and the reads around it took
     * four). Answers nothing when the account exists already (opened meanwhile): the caller reads it.
     */
    public Optional<UUID> openMissing(UUID id, AccountType type, UUID ownerId, Currency currency, boolean nonNegative,
                                      Instant now) {
        return jdbc.sql("""
                with opened as (
                    insert into ledger.account (id, type, owner_id, currency, normal_side, non_negative, opened_at)
                    values (:id, :type, :owner, :currency, :side, :nonNegative, :now)
                    on conflict on constraint account_identity do nothing
                    returning id),
                main as (
                    insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
                    select id, :currency, :side, :nonNegative, 0, :now from opened),
                slots as (
                    insert into ledger.balance_slot (account_id, slot, currency, normal_side, non_negative, balance_minor,
                                                     updated_at)
                    select o.id, s, :currency, :side, :nonNegative, 0, :now
                      from opened o cross join generate_series(0, :slots - 1) as s)
                select id from opened
                """)
                .param("id", id).param("type", type.name()).param("owner", ownerId)
                .param("currency", currency.getCurrencyCode()).param("side", type.normalSide().name())
                .param("nonNegative", nonNegative).param("now", Timestamp.from(now)).param("slots", type.balanceSlots())
                .query(UUID.class).optional();
    }

    public Optional<AccountView> findAccount(AccountType type, UUID ownerId, Currency currency) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from ledger.account a join ledger.balance_total b on b.account_id = a.id
                 where a.type = :type and a.owner_id is not distinct from :owner and a.currency = :currency
                """)
                .param("type", type.name()).param("owner", ownerId).param("currency", currency.getCurrencyCode())
                .query(AccountRepository::account).optional();
    }

    /**
     * The existing accounts of these keys in one currency, in one read (balances as {@link #findAccount(AccountId)}).
     * Keys without an owner are not looked up here (an equality keeps the identity index usable). Each key is looked
     * up by the whole identity in a lateral sub-select with {@code limit 1}, which cannot be joined away: as a join, the
     * generic plan made on an empty account table scanned the index {@code account_currency} by currency alone (every
     * account), and a pooled connection keeps such a plan (the plan-shape guard, issue 15, session 14).
     */
    public Map<AccountKey, AccountView> findAccounts(List<AccountKey> keys, Currency currency) {
        String[] types = keys.stream().map(k -> k.type().name()).toArray(String[]::new);
        UUID[] owners = keys.stream().map(AccountKey::ownerId).toArray(UUID[]::new);
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from unnest(cast(:types as text[]), cast(:owners as uuid[])) as k(type, owner_id)
                  cross join lateral (select a1.* from ledger.account a1
                                       where a1.type = k.type and a1.owner_id = k.owner_id and a1.currency = :currency
                                       limit 1) a
                  join ledger.balance_total b on b.account_id = a.id
                """)
                .param("types", types).param("owners", owners).param("currency", currency.getCurrencyCode())
                .query(AccountRepository::account).list().stream()
                .collect(Collectors.toMap(a -> new AccountKey(a.type(), a.ownerId()), a -> a, (x, y) -> x));
    }

    public Optional<AccountView> findAccount(AccountId id) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from ledger.account a join ledger.balance_total b on b.account_id = a.id
                 where a.id = :id
                """)
                .param("id", id.value()).query(AccountRepository::account).optional();
    }

    public List<AccountView> accounts(AccountType type, UUID ownerId, int offset, int limit) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                  from ledger.account a join ledger.balance_total b on b.account_id = a.id
                 where (cast(:type as text) is null or a.type = :type)
                   and (cast(:owner as uuid) is null or a.owner_id = :owner)
                 order by a.opened_at, a.id
                 offset :offset limit :limit
                """)
                .param("type", type == null ? null : type.name()).param("owner", ownerId)
                .param("offset", offset).param("limit", limit)
                .query(AccountRepository::account).list();
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

    static AccountView account(ResultSet rs, int n) throws SQLException {
        AccountType type = AccountType.valueOf(rs.getString(2));
        Currency currency = Currency.getInstance(rs.getString(4));
        Side normalSide = Side.valueOf(rs.getString(5));
        long balance = rs.getLong(8);
        return new AccountView(new AccountId(rs.getObject(1, UUID.class)), type, rs.getObject(3, UUID.class), normalSide,
                rs.getBoolean(6), new Money(balance, currency), new Money(normalSide.normal(balance), currency),
                rs.getTimestamp(7).toInstant());
    }
}
