package org.fangxin.card.lifecycle;

import org.fangxin.card.PurchaseStatus;
import org.fangxin.payment.PaymentConfirmed;
import org.fangxin.payment.PaymentExpired;
import org.fangxin.payment.PaymentFailed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Reacts to payment outcomes of purchases; delivery is at least once, and every reaction is idempotent. */
@Component
class PaymentEvents {

    private final PurchaseDesk purchases;

    PaymentEvents(PurchaseDesk purchases) {
        this.purchases = purchases;
    }

    @ApplicationModuleListener
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
