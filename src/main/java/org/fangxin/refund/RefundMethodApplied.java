package org.fangxin.refund;

/**
 * How a quote was computed: in full within cooling-off, by the contract's pro-rata method, in full on expiry, or the
 * amount a complaint's parties agreed (no fee).
 */
public enum RefundMethodApplied {
    COOLING_OFF_FULL,
    PRO_RATA_SESSIONS,
    PRO_RATA_DAYS,
    PRO_RATA_VALUE,
    EXPIRY_FULL,
    AGREED
}
