package org.fangxin.card.lifecycle;

import org.fangxin.card.PurchaseStatus;
import org.fangxin.payment.PaymentConfirmed;
import org.fangxin.payment.PaymentExpired;
import org.fangxin.payment.PaymentFailed;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Reacts to payment outcomes of purchases; delivery is at least once, and every reaction is idempotent. */
@Component
class PaymentEvents {

    private final PurchaseDesk purchases;

    PaymentEvents(PurchaseDesk purchases) {
        this.purchases = purchases;
    }

    /**
     * The card is issued in the transaction that confirms the payment (ADR 17): a paid order and its card (or its refusal
     * and refund) commit together, with no publication row, no after-commit transactions and no thread hand-off. If the
     * issue fails, the confirmation rolls back with it and the provider's resend or the payment janitor brings it again.
     */
    @EventListener
    void on(PaymentConfirmed event) {
        purchases.issue(event);
    }

    @ApplicationModuleListener
    void on(PaymentExpired event) {
        purchases.unpaid(event.reference(), PurchaseStatus.EXPIRED);
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        purchases.unpaid(event.reference(), PurchaseStatus.FAILED);
    }
}
