package org.fangxin.payment.domain;

import static org.fangxin.payment.PaymentStatus.EXPIRED;
import static org.fangxin.payment.PaymentStatus.FAILED;
import static org.fangxin.payment.PaymentStatus.PAID;
import static org.fangxin.payment.PaymentStatus.PAID_AFTER_EXPIRY;
import static org.fangxin.payment.PaymentStatus.PENDING;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.fangxin.payment.PaymentStatus;

/**
 * The payment order state machine. PENDING ends PAID, EXPIRED or FAILED; an order that ended unpaid but that the
 * provider reports as paid (a payment racing the expiry, or a provider that ignored our close) ends
 * PAID_AFTER_EXPIRY, which is final and triggers a full refund. What the provider reports is mapped to a transition
 * by {@link #onProviderPaid} and {@link #onProviderClosed}; an empty answer means already done (no effect).
 */
public enum PaymentTransition {
    CONFIRM(EnumSet.of(PENDING), PAID),
    EXPIRE(EnumSet.of(PENDING), EXPIRED),
    FAIL(EnumSet.of(PENDING), FAILED),
    CONFIRM_AFTER_EXPIRY(EnumSet.of(EXPIRED, FAILED), PAID_AFTER_EXPIRY);

    private final Set<PaymentStatus> sources;
    private final PaymentStatus target;

    PaymentTransition(Set<PaymentStatus> sources, PaymentStatus target) {
        this.sources = sources;
        this.target = target;
    }

    public boolean allowedFrom(PaymentStatus current) {
        return sources.contains(current);
    }

    /** The status after this transition; throws when the machine forbids it from {@code current}. */
    public PaymentStatus applyTo(PaymentStatus current) {
        if (!allowedFrom(current)) {
            throw new IllegalTransition("payment order cannot " + name() + " from " + current);
        }
        return target;
    }

    public PaymentStatus target() {
        return target;
    }

    /** The provider says the payer paid: confirm, confirm late, or nothing when already paid (a duplicate). */
    public static Optional<PaymentTransition> onProviderPaid(PaymentStatus current) {
        return switch (current) {
            case PENDING -> Optional.of(CONFIRM);
            case EXPIRED, FAILED -> Optional.of(CONFIRM_AFTER_EXPIRY);
            case PAID, PAID_AFTER_EXPIRY -> Optional.empty();
        };
    }

    /** The provider says the order was closed unpaid: a PENDING order fails; any other status keeps its own truth. */
    public static Optional<PaymentTransition> onProviderClosed(PaymentStatus current) {
        return current == PENDING ? Optional.of(FAIL) : Optional.empty();
    }

    public static boolean isPaid(PaymentStatus status) {
        return status == PAID || status == PAID_AFTER_EXPIRY;
    }
}
