package org.fangxin.protection;

/** A closure case: SUSPECTED → CONFIRMED | CLEARED. SUSPECTED and CONFIRMED freeze the merchant's sales and payouts. */
public enum ClosureStatus {
    SUSPECTED, CONFIRMED, CLEARED;

    /** Whether the merchant is frozen (no sales, payouts held) while its case is in this status. */
    public boolean freezes() {
        return this != CLEARED;
    }
}
