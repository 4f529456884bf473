package org.fangxin.bank.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One reconciliation of an imported statement: how many lines matched and how many breaks it found. */
public record RunView(UUID id, UUID importId, StatementFormat format, String fileName, LocalDate fromDate, LocalDate toDate,
                      int lineCount, int movementCount, int matchCount, int breakCount, int rateBasisPoints, Instant ranAt) {

    /** The auto-match rate as people read it, e.g. {@code 99.27%} (rounded down). */
    public String ratePercent() {
        return rateBasisPoints / 100 + "." + String.format("%02d", rateBasisPoints % 100) + "%";
    }
}
