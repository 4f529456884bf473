package org.fangxin.card;

/** Where a purchase stands: waiting for the payment, paid (a card was issued), or the payment expired or failed. */
public enum PurchaseStatus {
    PENDING_PAYMENT,
    PAID,
    EXPIRED,
    FAILED
}
