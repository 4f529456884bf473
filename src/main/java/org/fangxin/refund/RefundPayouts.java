package org.fangxin.refund;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RequestRefund;
import org.fangxin.refund.domain.RefundTransition;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** An operator's part of paying approved refunds: retrying a failed provider payment, recording a manual payout. */
@Component
class RefundPayouts {

    private final RefundRepository repository;
    private final RefundApproval approval;
    private final Payments payments;
    private final RefundLedger ledger;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RefundPayouts(RefundRepository repository, RefundApproval approval, Payments payments, RefundLedger ledger,
                  AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.approval = approval;
        this.payments = payments;
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** OPERATOR: asks the provider again for a refund whose payment failed (new payment reference; never twice). */
    RefundView retryPayment(UUID refundId) {
        Stored stored = repository.lock(refundId).orElseThrow(() -> Rejection.notFound("refund " + refundId));
        if (!RefundTransition.RETRY_PAYMENT.allowedFrom(stored.view().status())) {
            throw new Rejection(Refunds.PAYMENT_NOT_FAILED, "only a failed payment is retried; this refund is " + stored.view().status());
        }
        Money shortBy = approval.escrowShortBy(refundId, stored.view().merchantId(), stored.view().refund());
        if (shortBy.isPositive()) {
            throw new Rejection(Refunds.ESCROW_SHORT, "the merchant's escrow is " + shortBy.format() + " short of this refund",
                    Map.of("shortMinor", shortBy.amountMinor()));
        }
        int attempt = stored.view().paymentAttempts() + 1;
        String reference = RefundApproval.paymentReference(refundId, attempt);
        payments.refund(new RequestRefund(stored.paymentOrderId(), reference, stored.view().refund(),
                "retry " + attempt + " of refund " + refundId));
        repository.retryPayment(refundId, reference, attempt, clock.instant());
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.payment-retried", "refund", refundId, stored.view(), after);
        return after;
    }

    /**
     * OPERATOR: records that the holder of a received card was paid outside the payment provider (bank transfer with
     * {@code payoutReference}); the refund owed leaves escrow ({@code refund-paid:<id>}) and the refund is PAID.
     */
    RefundView recordManualPayout(String by, UUID refundId, String payoutReference) {
        Stored stored = repository.lock(refundId).orElseThrow(() -> Rejection.notFound("refund " + refundId));
        if (!RefundTransition.CONFIRM_MANUAL_PAYOUT.allowedFrom(stored.view().status())) {
            throw new Rejection(Refunds.NOT_AWAITING_MANUAL_PAYOUT, "only a refund awaiting a manual payout is recorded as paid "
                    + "this way; this one is " + stored.view().status());
        }
        RefundView before = stored.view();
        ledger.postPaid(refundId, before.cardId(), before.merchantId(), before.refund());
        repository.markPaidManually(refundId, payoutReference.strip(), clock.instant());
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.paid-manually", "refund", refundId, before,
                Map.of("status", after.status(), "payoutReference", payoutReference.strip(), "by", by));
        events.publishEvent(new RefundPaid(refundId, before.cardId(), before.merchantId(), before.holderUserId(),
                before.refund(), clock.instant()));
        return after;
    }
}
