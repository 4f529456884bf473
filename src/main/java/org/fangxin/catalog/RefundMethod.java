package org.fangxin.catalog;

/** How unused value is refunded (domain.md §5): by unused sessions, unused days, or undelivered value. */
public enum RefundMethod {
    PRO_RATA_SESSIONS,
    PRO_RATA_DAYS,
    PRO_RATA_VALUE;

    /** Sessions pro rata only fits session packs, days only period passes; value fits every kind. */
    public boolean fits(ProductKind kind) {
        return switch (this) {
            case PRO_RATA_SESSIONS -> kind == ProductKind.SESSION_PACK;
            case PRO_RATA_DAYS -> kind == ProductKind.PERIOD_PASS;
            case PRO_RATA_VALUE -> true;
        };
    }
}
