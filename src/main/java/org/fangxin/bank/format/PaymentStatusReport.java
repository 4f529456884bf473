package org.fangxin.bank.format;

import java.util.List;
import java.util.Objects;

/**
 * A bank's answer to an instruction file (pain.002): the status of the whole file and of each transaction, by the
 * end-to-end id the platform sent.
 *
 * @param groupStatus null when the bank reports only per transaction
 */
public record PaymentStatusReport(String messageId, String originalMessageId, TransferStatus groupStatus,
                                  List<TransactionStatus> transactions) {

    public PaymentStatusReport {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        transactions = List.copyOf(transactions);
    }

    /**
     * Status of one transaction.
     *
     * @param reasonCode ISO reason code (e.g. AC04) or the bank's proprietary one; null when none was given
     * @param reasonText additional information from the bank; empty when none
     */
    public record TransactionStatus(String endToEndId, TransferStatus status, String reasonCode, String reasonText) {
        public TransactionStatus {
            Objects.requireNonNull(endToEndId, "endToEndId");
            Objects.requireNonNull(status, "status");
            reasonText = reasonText == null ? "" : reasonText;
        }
    }
}
