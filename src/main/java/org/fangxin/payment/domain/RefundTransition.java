package org.fangxin.payment.domain;

import static org.fangxin.payment.RefundStatus.FAILED;
import static org.fangxin.payment.RefundStatus.REQUESTED;
import static org.fangxin.payment.RefundStatus.SUBMITTED;
import static org.fangxin.payment.RefundStatus.SUCCEEDED;

import java.util.EnumSet;
import java.util.Set;
import org.fangxin.payment.RefundStatus;

/**
 * The refund state machine: REQUESTED → SUBMITTED (each provider attempt; repeatable) → SUCCEEDED or FAILED, both
 * final. A refund may only FAIL when the provider refused it or is known never to have received it, because the
 * amount is then released for another refund: failing one the provider paid would pay the payer twice.
 */
public enum RefundTransition {
    SUBMIT(EnumSet.of(REQUESTED, SUBMITTED), SUBMITTED),
    SUCCEED(EnumSet.of(REQUESTED, SUBMITTED), SUCCEEDED),
    FAIL(EnumSet.of(REQUESTED, SUBMITTED), FAILED);

    private final Set<RefundStatus> sources;
    private final RefundStatus target;

    RefundTransition(Set<RefundStatus> sources, RefundStatus target) {
        this.sources = sources;
        this.target = target;
    }

    public boolean allowedFrom(RefundStatus current) {
        return sources.contains(current);
    }

    public RefundStatus applyTo(RefundStatus current) {
        if (!allowedFrom(current)) {
            throw new IllegalTransition("refund cannot " + name() + " from " + current);
        }
        return target;
    }

    public static boolean isFinal(RefundStatus status) {
        return status == SUCCEEDED || status == FAILED;
    }
}
