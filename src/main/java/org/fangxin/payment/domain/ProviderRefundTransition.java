package org.fangxin.payment.domain;

import static org.fangxin.payment.ProviderRefundStatus.FAILED;
import static org.fangxin.payment.ProviderRefundStatus.REQUESTED;
import static org.fangxin.payment.ProviderRefundStatus.SUBMITTED;
import static org.fangxin.payment.ProviderRefundStatus.SUCCEEDED;

import java.util.EnumSet;
import java.util.Set;
import org.fangxin.payment.ProviderRefundStatus;

/**
 * The provider refund state machine: REQUESTED → SUBMITTED (each provider attempt; repeatable) → SUCCEEDED or FAILED, both
 * final. A refund may only FAIL when the provider refused it or is known never to have received it, because the
 * amount is then released for another refund: failing one the provider paid would pay the payer twice.
 */
public enum ProviderRefundTransition {
    SUBMIT(EnumSet.of(REQUESTED, SUBMITTED), SUBMITTED),
    SUCCEED(EnumSet.of(REQUESTED, SUBMITTED), SUCCEEDED),
    FAIL(EnumSet.of(REQUESTED, SUBMITTED), FAILED);

    private final Set<ProviderRefundStatus> sources;
    private final ProviderRefundStatus target;

    ProviderRefundTransition(Set<ProviderRefundStatus> sources, ProviderRefundStatus target) {
        this.sources = sources;
        this.target = target;
    }

    public boolean allowedFrom(ProviderRefundStatus current) {
        return sources.contains(current);
    }

    public ProviderRefundStatus applyTo(ProviderRefundStatus current) {
        if (!allowedFrom(current)) {
            throw new IllegalTransition("refund cannot " + name() + " from " + current);
        }
        return target;
    }

    public static boolean isFinal(ProviderRefundStatus status) {
        return status == SUCCEEDED || status == FAILED;
    }
}
