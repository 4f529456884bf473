package org.fangxin.payment;

/**
 * Where a payment order stands. PENDING waits for the payer; PAID, EXPIRED and FAILED are final, except that an
 * EXPIRED order the provider reports as paid becomes PAID_AFTER_EXPIRY (its money is refunded automatically).
 */
public enum PaymentStatus {
    PENDING,
    PAID,
    EXPIRED,
    FAILED,
    PAID_AFTER_EXPIRY
}
