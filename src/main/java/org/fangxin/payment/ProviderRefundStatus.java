package org.fangxin.payment;

/**
 * Where a provider refund (money sent back to the payer through the payment provider) stands — not the consumer's
 * refund request of the refund module: REQUESTED (not yet sent), SUBMITTED (sent at least once), then SUCCEEDED or
 * FAILED.
 */
public enum ProviderRefundStatus {
    REQUESTED,
    SUBMITTED,
    SUCCEEDED,
    FAILED
}
