package org.fangxin.ledger.persistence;

import java.util.Currency;
import java.util.List;
import org.fangxin.ledger.InvariantReport.CurrencyTotals;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's invariant checks over the whole journal: each query answers the violations (a bounded number of
 * examples), an empty list when the invariant holds.
 */
@Repository
public class InvariantQueries {

    private final JdbcClient jdbc;

    public InvariantQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
                select currency || ' ' || sum(balance_minor) from ledger.balance_total
                 group by currency having sum(balance_minor) <> 0 order by currency
                """)
                .query(String.class).list();
    }

    public List<String> negativeConstrainedAccounts(int limit) {
        return jdbc.sql("""
                select account_id::text || ' ' || currency || ' ' || balance_minor from ledger.balance_total
                 where non_negative and (case normal_side when 'DEBIT' then balance_minor else -balance_minor end) < 0
                 limit :limit
                """)
                .param("limit", limit).query(String.class).list();
    }

    public List<String> balancesDifferingFromEntries(int limit) {
        return jdbc.sql("""
                select b.account_id::text || ' stored ' || b.balance_minor || ' entries ' || coalesce(e.total, 0)
                  from ledger.balance_total b
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
                          from ledger.balance_total group by currency) c
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
}
