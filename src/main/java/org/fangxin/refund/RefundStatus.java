package org.fangxin.refund;

/**
 * Where a refund stands. PENDING_MERCHANT (may be contested) → DISPUTED (operator decides) or APPROVED (silence or
 * uphold); APPROVED means the card was surrendered, the ledger posted and the payment requested; then PAID or
 * PAYMENT_FAILED (operator retries → APPROVED). MANUAL_PAYOUT: approved and posted, but the holder received the card
 * by transfer, so the money cannot go back over the first buyer's payment; an operator pays the holder and records
 * it (→ PAID). NOTHING_DUE: approved with nothing to pay. REJECTED and CANCELLED
 * (superseded, card no longer active) end a request without moving money.
 */
public enum RefundStatus {
    PENDING_MERCHANT,
    DISPUTED,
    APPROVED,
    MANUAL_PAYOUT,
    PAID,
    PAYMENT_FAILED,
    NOTHING_DUE,
    REJECTED,
    CANCELLED;

    /** Statuses that hold the card's single open refund (a second request is refused). */
    public boolean open() {
        return this != REJECTED && this != CANCELLED;
    }
}
