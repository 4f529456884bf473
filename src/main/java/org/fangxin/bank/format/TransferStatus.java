package org.fangxin.bank.format;

/** ISO 20022 external payment transaction status codes a bank reports in a pain.002. */
public enum TransferStatus {
    /** Received, not yet checked. */
    RCVD,
    /** Accepted after technical validation. */
    ACTC,
    /** Accepted after customer profile checks (the usual first answer to a pain.001). */
    ACCP,
    /** Accepted, settlement in process. */
    ACSP,
    /** Accepted, debtor's account debited: the money has left. */
    ACSC,
    /** Accepted, settlement completed on the creditor's account. */
    ACCC,
    /** Accepted with a change (e.g. date). */
    ACWC,
    /** Accepted, but waiting (e.g. for funds). */
    PDNG,
    /** Some transactions of the group accepted, some rejected. */
    PART,
    /** Rejected; a reason code says why (AC04 closed account, AC01 wrong account number, AM04 insufficient funds ...). */
    RJCT,
    /** Cancelled. */
    CANC;

    public boolean isRejected() {
        return this == RJCT || this == CANC;
    }

    /** The money has left the debtor account (or reached the creditor). */
    public boolean isSettled() {
        return this == ACSC || this == ACCC;
    }
}
