package org.fangxin.bank.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.bank.reconciliation.domain.BreakKind;
import org.fangxin.shared.Money;

/**
 * A difference between bank and ledger and where its workflow stands.
 *
 * @param lineId     the statement line's id in the file (null for LEDGER_ONLY)
 * @param movementId the ledger movement ({@code entry:<id>}; null for BANK_ONLY and DUPLICATE)
 * @param amount     the bank line's amount when there is one, else the movement's
 */
public record BreakView(UUID id, UUID runId, BreakKind kind, String accountNumber, LocalDate date, Money amount,
                        String lineId, String movementId, String detail, BreakStatus status, UUID assignee,
                        String explanation, UUID resolvedBy, UUID correctingTransferId, UUID approvedBy, Instant updatedAt) {
}
