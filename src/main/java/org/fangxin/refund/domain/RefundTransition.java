package org.fangxin.refund.domain;

import java.util.Set;
import org.fangxin.refund.RefundStatus;

/** The refund state machine: each transition names the statuses it leaves from and the one it reaches. */
public enum RefundTransition {
    APPROVE_AUTOMATICALLY(RefundStatus.APPROVED, RefundStatus.PENDING_MERCHANT),
    CONTEST(RefundStatus.DISPUTED, RefundStatus.PENDING_MERCHANT),
    ACCEPT_BY_SILENCE(RefundStatus.APPROVED, RefundStatus.PENDING_MERCHANT),
    UPHOLD(RefundStatus.APPROVED, RefundStatus.DISPUTED),
    REJECT(RefundStatus.REJECTED, RefundStatus.DISPUTED),
    CANCEL(RefundStatus.CANCELLED, RefundStatus.PENDING_MERCHANT, RefundStatus.DISPUTED),
    CLOSE_WITH_NOTHING_DUE(RefundStatus.NOTHING_DUE, RefundStatus.APPROVED),
    CONFIRM_PAID(RefundStatus.PAID, RefundStatus.APPROVED),
    AWAIT_MANUAL_PAYOUT(RefundStatus.MANUAL_PAYOUT, RefundStatus.APPROVED),
    CONFIRM_MANUAL_PAYOUT(RefundStatus.PAID, RefundStatus.MANUAL_PAYOUT),
    FAIL_PAYMENT(RefundStatus.PAYMENT_FAILED, RefundStatus.APPROVED),
    RETRY_PAYMENT(RefundStatus.APPROVED, RefundStatus.PAYMENT_FAILED);

    private final RefundStatus to;
    private final Set<RefundStatus> from;

    RefundTransition(RefundStatus to, RefundStatus... from) {
        this.to = to;
        this.from = Set.of(from);
    }

    public boolean allowedFrom(RefundStatus status) {
        return from.contains(status);
    }

    /** The status after this transition; an illegal one is a caller's bug unless checked with allowedFrom first. */
    public RefundStatus applyTo(RefundStatus status) {
        if (!allowedFrom(status)) {
            throw new IllegalStateException(name() + " is not allowed from " + status);
        }
        return to;
    }

    public RefundStatus target() {
        return to;
    }
}
