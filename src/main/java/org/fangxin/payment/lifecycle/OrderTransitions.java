package org.fangxin.payment.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.payment.PaymentConfirmed;
import org.fangxin.payment.PaymentExpired;
import org.fangxin.payment.PaymentFailed;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentPaidAfterExpiry;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.ProviderRefundView;
import org.fangxin.payment.RequestRefund;
import org.fangxin.payment.domain.PaymentTransition;
import org.fangxin.payment.persistence.PaymentRepository;
import org.fangxin.shared.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every status change of a payment order, under the order's row lock, with its event published in the same
 * transaction. A second report of the same fact (duplicate callback, janitor after callback) finds the order already
 * moved and has no effect; the published-event table's key backs this up, so an event cannot be published twice.
 */
@Component
public class OrderTransitions {

    /** What a report did: the status afterwards and whether this call changed it. */
    public record Effect(PaymentStatus status, boolean changed) { }

    static final String PAID_AFTER_EXPIRY_REFUND_PREFIX = "refund:paid-after-expiry:";

    private final PaymentRepository repository;
    private final RefundRequests refunds;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    OrderTransitions(PaymentRepository repository, RefundRequests refunds, ApplicationEventPublisher events,
                     AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.refunds = refunds;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The provider reports the order paid (at {@code paidAt}, if it says when). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect providerPaid(UUID orderId, Instant paidAt) {
        return providerPaid(lock(orderId), paidAt);
    }

    /** {@link #providerPaid(UUID, Instant)} for a caller that has just locked the order in this transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect providerPaid(PaymentOrderView order, Instant paidAt) {
        UUID orderId = order.id();
        Optional<PaymentTransition> transition = PaymentTransition.onProviderPaid(order.status());
        if (transition.isEmpty()) {
            return new Effect(order.status(), false);
        }
        Instant now = clock.instant();
        Instant at = paidAt == null ? now : paidAt;
        PaymentStatus target = change(order, transition.get(), at, null);
        if (transition.get() == PaymentTransition.CONFIRM) {
            publish(orderId, "PaymentConfirmed", new PaymentConfirmed(order.id(), order.reference(), order.payerUserId(),
                    order.merchantId(), order.amount(), now));
        } else {
            // money arrived for an order that ended unpaid: no card may follow, so it all goes back to the payer
            ProviderRefundView refund = refunds.request(new RequestRefund(order.id(), PAID_AFTER_EXPIRY_REFUND_PREFIX + order.id(),
                    order.amount(), "paid after the order expired"), now);
            publish(orderId, "PaymentPaidAfterExpiry", new PaymentPaidAfterExpiry(order.id(), order.reference(),
                    order.payerUserId(), order.merchantId(), order.amount(), refund.id(), now));
        }
        return new Effect(target, true);
    }

    /** The provider reports the order closed unpaid (the payer cancelled): a PENDING order fails. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect providerClosed(UUID orderId) {
        return providerClosed(lock(orderId));
    }

    /** {@link #providerClosed(UUID)} for a caller that has just locked the order in this transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect providerClosed(PaymentOrderView order) {
        UUID orderId = order.id();
        Optional<PaymentTransition> transition = PaymentTransition.onProviderClosed(order.status());
        if (transition.isEmpty()) {
            return new Effect(order.status(), false);
        }
        Instant now = clock.instant();
        PaymentStatus target = change(order, transition.get(), null, now);
        publish(orderId, "PaymentFailed", new PaymentFailed(order.id(), order.reference(), order.payerUserId(),
                order.merchantId(), order.amount(), now));
        return new Effect(target, true);
    }

    /** The order's time to pay is over and the provider has not been paid: a PENDING order expires. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect expire(UUID orderId) {
        PaymentOrderView order = lock(orderId);
        if (!PaymentTransition.EXPIRE.allowedFrom(order.status())) {
            return new Effect(order.status(), false);
        }
        Instant now = clock.instant();
        PaymentStatus target = change(order, PaymentTransition.EXPIRE, null, now);
        publish(orderId, "PaymentExpired", new PaymentExpired(order.id(), order.reference(), order.payerUserId(),
                order.merchantId(), order.amount(), now));
        return new Effect(target, true);
    }

    private PaymentOrderView lock(UUID orderId) {
        return repository.lockOrder(orderId).orElseThrow(() -> new IllegalStateException("no payment order " + orderId));
    }

    private PaymentStatus change(PaymentOrderView order, PaymentTransition transition, Instant paidAt, Instant endedAt) {
        PaymentStatus target = transition.applyTo(order.status());
        repository.changeStatus(order.id(), order.status(), target, paidAt, endedAt);
        audit.record("payment." + transition.name().toLowerCase(java.util.Locale.ROOT), "payment_order", order.id(),
                Map.of("status", order.status().name()), Map.of("status", target.name()));
        return target;
    }

    private void publish(UUID subjectId, String kind, Object event) {
        repository.recordPublication(subjectId, kind, clock.instant());
        events.publishEvent(event);
    }
}
