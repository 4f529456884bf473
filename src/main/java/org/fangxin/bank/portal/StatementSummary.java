package org.fangxin.bank.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An imported bank statement and its reconciliation run (rate in basis points of lines matched), and the bank that sent it. */
public record StatementSummary(UUID importId, String format, String fileName, LocalDate fromDate, LocalDate toDate,
                               int lineCount, Instant importedAt, UUID runId, int matchCount, int breakCount,
                               int rateBasisPoints, String bank) {

    /** Newest first, as the portal lists them. */
    static final Comparator<StatementSummary> NEWEST_FIRST = Comparator.comparing(StatementSummary::importedAt)
            .thenComparing(StatementSummary::importId).reversed();

    /**
     * The shards' parts of each import (sharded profile: each shard keeps its merchants' lines under the import's id)
     * as one summary per import, newest first: counts added up, the rate recomputed from them.
     */
    static List<StatementSummary> combined(List<StatementSummary> parts) {
        Map<UUID, StatementSummary> byImport = new LinkedHashMap<>();
        for (StatementSummary part : parts) {
            byImport.merge(part.importId(), part, StatementSummary::plus);
        }
        return byImport.values().stream().sorted(NEWEST_FIRST).toList();
    }

    private StatementSummary plus(StatementSummary other) {
        int lines = lineCount + other.lineCount;
        int matches = matchCount + other.matchCount;
        Instant latest = importedAt.isAfter(other.importedAt) ? importedAt : other.importedAt;
        return new StatementSummary(importId, format, fileName, fromDate, toDate, lines, latest,
                runId != null ? runId : other.runId, matches, breakCount + other.breakCount,
                lines == 0 ? 10_000 : (int) (matches * 10_000L / lines), bank);
    }
}
