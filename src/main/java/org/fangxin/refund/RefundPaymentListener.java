package org.fangxin.refund;

import java.time.Clock;
import org.fangxin.payment.RefundFailed;
import org.fangxin.payment.RefundSucceeded;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.shared.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Payment outcomes of refunds (delivered after commit, at least once): a success posts {@code refund-paid} and marks
 * the refund PAID; a definitive failure marks it for the operator. Events for other references (payment's own
 * refunds, or an earlier attempt of a retried refund) are ignored; a replayed event changes nothing.
 */
@Component
class RefundPaymentListener {

    private final RefundRepository repository;
    private final RefundLedger ledger;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RefundPaymentListener(RefundRepository repository, RefundLedger ledger, AuditTrail audit,
                          ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(RefundSucceeded event) {
        Stored found = repository.findByPaymentReference(event.refundReference()).orElse(null);
        if (found == null) {
            return;
        }
        Stored stored = repository.lock(found.view().id()).orElseThrow();
        if (stored.view().status() != RefundStatus.APPROVED) {
            return;
        }
        RefundStatus paid = org.fangxin.refund.domain.RefundTransition.CONFIRM_PAID.applyTo(stored.view().status());
        ledger.postPaid(stored.view().id(), stored.view().cardId(), stored.view().merchantId(), stored.view().refund());
        repository.markPaid(stored.view().id(), event.occurredAt());
        audit.record("refund.paid", "refund", stored.view().id(), stored.view().status(), paid);
        events.publishEvent(new RefundPaid(stored.view().id(), stored.view().cardId(), stored.view().merchantId(),
                stored.view().holderUserId(), stored.view().refund(), clock.instant()));
    }

    @ApplicationModuleListener
    void on(RefundFailed event) {
        Stored found = repository.findByPaymentReference(event.refundReference()).orElse(null);
        if (found == null) {
            return;
        }
        Stored stored = repository.lock(found.view().id()).orElseThrow();
        if (stored.view().status() != RefundStatus.APPROVED
                || !event.refundReference().equals(stored.view().paymentReference())) {
            return;
        }
        repository.markPaymentFailed(stored.view().id(), event.reason(), clock.instant());
        audit.record("refund.payment-failed", "refund", stored.view().id(), stored.view().status(),
                RefundStatus.PAYMENT_FAILED);
    }
}
