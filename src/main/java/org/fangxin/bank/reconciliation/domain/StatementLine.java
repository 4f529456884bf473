package org.fangxin.bank.reconciliation.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * One booked line of a bank statement, whatever format it came in (camt.053, CSV).
 *
 * @param lineId        unique within the imported file (e.g. statement id plus position), never used for matching
 * @param signedAmount  credit to the account positive, debit negative
 * @param endToEndId    the end-to-end id the platform sent in its instruction; null when the bank gave none (fees, interest)
 * @param bankReference the bank's own reference for the booking (camt AcctSvcrRef, CSV serial number); may be blank
 */
public record StatementLine(String lineId, String accountNumber, LocalDate bookingDate, LocalDate valueDate,
                            Money signedAmount, String endToEndId, String bankReference, String description) {

    public StatementLine {
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(bookingDate, "bookingDate");
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(signedAmount, "signedAmount");
        if (endToEndId != null && endToEndId.isBlank()) {
            endToEndId = null;
        }
        bankReference = bankReference == null ? "" : bankReference;
        description = description == null ? "" : description;
    }
}
