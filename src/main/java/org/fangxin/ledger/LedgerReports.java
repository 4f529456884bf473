package org.fangxin.ledger;

import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.fangxin.ledger.persistence.EntryQueries;
import org.fangxin.ledger.persistence.InvariantQueries;
import org.springframework.stereotype.Component;

/** What the {@link Ledger} facade reports rather than posts: sums by posting-key prefix and the invariant check. */
@Component
class LedgerReports {

    private final EntryQueries entries;
    private final InvariantQueries invariants;
    private final Clock clock;

    LedgerReports(EntryQueries entries, InvariantQueries invariants, Clock clock) {
        this.entries = entries;
        this.invariants = invariants;
        this.clock = clock;
    }

    /** Sums per posting-key prefix, ungrouped (one group "") or grouped by the key's segment after the prefix. */
    Map<String, PostingSums> sumsByPostingKeyPrefix(String prefix, Currency currency, boolean grouped) {
        return sums(entries.sumsByPostingKeyPrefix(prefix, currency, grouped), currency);
    }

    /** As above, grouped, counting only the entries on these accounts. */
    Map<String, PostingSums> sumsOnAccountsByPostingKeyPrefix(String prefix, java.util.Collection<AccountId> accounts,
                                                              Currency currency) {
        java.util.UUID[] ids = accounts.stream().map(AccountId::value).distinct().toArray(java.util.UUID[]::new);
        return sums(entries.sumsByPostingKeyPrefix(prefix, currency, true, ids), currency);
    }

    private static Map<String, PostingSums> sums(List<EntryQueries.PrefixSumRow> rows, Currency currency) {
        Map<String, Map<AccountType, PostingSums.Totals>> byGroup = new java.util.HashMap<>();
        Map<String, Long> transfers = new java.util.HashMap<>();
        for (EntryQueries.PrefixSumRow row : rows) {
            byGroup.computeIfAbsent(row.group(), g -> new java.util.EnumMap<>(AccountType.class))
                    .put(row.type(), new PostingSums.Totals(row.debitMinor(), row.creditMinor(), row.debitEntries()));
            transfers.put(row.group(), row.transfers());
        }
        Map<String, PostingSums> sums = new java.util.HashMap<>();
        byGroup.forEach((group, totals) -> sums.put(group, new PostingSums(currency, transfers.get(group), totals)));
        return sums;
    }

    /**
     * Checks, over one consistent snapshot: every transfer balances per currency, balances sum to zero per currency,
     * no constrained account is negative, and every stored balance equals the sum of its entries.
     */
    InvariantReport checkInvariants() {
        List<InvariantReport.Invariant> checked = List.of(
                invariant(InvariantReport.TRANSFERS_BALANCE, invariants.unbalancedTransfers(Ledger.INVARIANT_EXAMPLES_MAX)),
                invariant(InvariantReport.BALANCES_SUM_TO_ZERO, invariants.nonZeroBalanceSums()),
                invariant(InvariantReport.CONSTRAINED_ACCOUNTS_NOT_NEGATIVE,
                        invariants.negativeConstrainedAccounts(Ledger.INVARIANT_EXAMPLES_MAX)),
                invariant(InvariantReport.BALANCES_EQUAL_ENTRIES,
                        invariants.balancesDifferingFromEntries(Ledger.INVARIANT_EXAMPLES_MAX)));
        boolean holds = checked.stream().allMatch(InvariantReport.Invariant::holds);
        return new InvariantReport(clock.instant(), holds, checked, invariants.totals());
    }

    private static InvariantReport.Invariant invariant(String code, List<String> violations) {
        return new InvariantReport.Invariant(code, violations.isEmpty(), violations.size(), violations);
    }
}
