package org.fangxin.bank.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An imported bank statement and its reconciliation run (rate in basis points of lines matched), and the bank that sent it. */
public record StatementSummary(UUID importId, String format, String fileName, LocalDate fromDate, LocalDate toDate,
                               int lineCount, Instant importedAt, UUID runId, int matchCount, int breakCount,
                               int rateBasisPoints, String bank) {
}
