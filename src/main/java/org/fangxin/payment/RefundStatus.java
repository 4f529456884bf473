package org.fangxin.payment;

/** Where a refund stands: REQUESTED (not yet sent), SUBMITTED (sent at least once), then SUCCEEDED or FAILED. */
public enum RefundStatus {
    REQUESTED,
    SUBMITTED,
    SUCCEEDED,
    FAILED
}
