package org.fangxin.bank.reconciliation.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * A movement the ledger expects to see on a bank account: money in (positive) or out (negative) on a date.
 *
 * @param endToEndId the id sent to the bank with the instruction; null for movements the platform did not initiate
 */
public record LedgerMovement(String movementId, String accountNumber, LocalDate date, Money signedAmount, String endToEndId) {

    public LedgerMovement {
        Objects.requireNonNull(movementId, "movementId");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(signedAmount, "signedAmount");
        if (endToEndId != null && endToEndId.isBlank()) {
            endToEndId = null;
        }
    }
}
