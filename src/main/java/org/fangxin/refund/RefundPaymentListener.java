package org.fangxin.refund;

import java.time.Clock;
import java.time.Instant;
import org.fangxin.payment.RefundFailed;
import org.fangxin.payment.RefundSucceeded;
import org.fangxin.payment.RefundsSucceeded;
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
        paid(event.refundReference(), event.occurredAt());
    }

    /** The batch form: each of the batch's refunds of this module (reference {@code refund:…}) as one event. */
    @ApplicationModuleListener
    void on(RefundsSucceeded event) {
        event.refundReferences().stream().filter(reference -> reference.startsWith("refund:"))
                .forEach(reference -> paid(reference, event.occurredAt()));
    }

    private void paid(String paymentReference, Instant at) {
        Stored found = repository.findByPaymentReference(paymentReference).orElse(null);
        if (found == null) {
            return;
        }
        Stored stored = repository.lock(found.view().id()).orElseThrow();
        if (stored.view().status() != RefundStatus.APPROVED) {
            return;
        }
        RefundStatus paid = org.fangxin.refund.domain.RefundTransition.CONFIRM_PAID.applyTo(stored.view().status());
        ledger.postPaid(stored.view().id(), stored.view().cardId(), stored.view().merchantId(), stored.view().refund());
        repository.markPaid(stored.view().id(), at);
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
