package org.fangxin.ledger;

import java.time.Instant;
import java.util.List;
import org.fangxin.shared.Money;

/** The outcome of the ledger's invariant check over one consistent snapshot of the database. */
public record InvariantReport(Instant checkedAt, boolean holds, List<Invariant> invariants, List<CurrencyTotals> totals) {

    public static final String TRANSFERS_BALANCE = "transfers-balance";
    public static final String BALANCES_SUM_TO_ZERO = "balances-sum-to-zero";
    public static final String CONSTRAINED_ACCOUNTS_NOT_NEGATIVE = "constrained-accounts-not-negative";
    public static final String BALANCES_EQUAL_ENTRIES = "balances-equal-entries";

    public InvariantReport {
        invariants = List.copyOf(invariants);
        totals = List.copyOf(totals);
    }

    /** One invariant: how many violations were found and a few examples (bounded). */
    public record Invariant(String code, boolean holds, long violations, List<String> examples) {
        public Invariant {
            examples = List.copyOf(examples);
        }
    }

    /**
     * Totals of one currency: all debits and all credits ever posted (credits as a positive amount), the sum of all
     * balances (zero when the books balance), and how many accounts and transfers use it.
     */
    public record CurrencyTotals(String currency, Money debits, Money credits, Money balanceSum, long accounts,
                                 long entries) {
    }

    public Invariant invariant(String code) {
        return invariants.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }
}
