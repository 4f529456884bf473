package org.fangxin.bank.reconciliation.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one reconciliation run found: every statement line and every ledger movement appears exactly once, either in a
 * match or in a break.
 */
public record ReconciliationResult(List<Match> matches, List<Break> breaks, int statementLineCount, int ledgerMovementCount) {

    public ReconciliationResult {
        matches = List.copyOf(matches);
        breaks = List.copyOf(breaks);
    }

    /** Share of statement lines matched automatically, in basis points (10000 = all); 10000 for an empty statement. */
    public int autoMatchRateBasisPoints() {
        return statementLineCount == 0 ? 10_000 : (int) (matches.size() * 10_000L / statementLineCount);
    }

    /** The rate as people read it, e.g. {@code 99.27%} (rounded down, so 100% means every line). */
    public String autoMatchRatePercent() {
        int basisPoints = autoMatchRateBasisPoints();
        return basisPoints / 100 + "." + String.format("%02d", basisPoints % 100) + "%";
    }

    public boolean isClean() {
        return breaks.isEmpty();
    }

    public Map<BreakKind, Integer> breakCounts() {
        var counts = new EnumMap<BreakKind, Integer>(BreakKind.class);
        for (Break b : breaks) {
            counts.merge(b.kind(), 1, Integer::sum);
        }
        return counts;
    }

    public List<Break> breaksOf(BreakKind kind) {
        return breaks.stream().filter(b -> b.kind() == kind).toList();
    }
}
