package org.fangxin.card;

/**
 * Where a purchase stands: waiting for the payment, paid (a card was issued), the payment expired or failed, or refused
 * at issue (the payment arrived but a cap no longer allowed the card: it was refunded in full).
 */
public enum PurchaseStatus {
    PENDING_PAYMENT,
    PAID,
    EXPIRED,
    FAILED,
    REFUSED
}
