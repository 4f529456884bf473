package org.fangxin.catalog;

/** What a prepaid product sells: N sessions within a validity, access for a period, or a stored money balance. */
public enum ProductKind {
    SESSION_PACK,
    PERIOD_PASS,
    STORED_VALUE
}
