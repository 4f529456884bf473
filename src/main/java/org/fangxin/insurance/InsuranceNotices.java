package org.fangxin.insurance;

import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tells the merchant's owners that their premium share is due, after the bill committed (ADR 11), once per bill. */
@Component
class InsuranceNotices {

    private final Notifications notifications;

    InsuranceNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(PremiumShareDue event) {
        notifications.sendToMerchantOwners(event.merchantId(), "insurance.notify.premiumDue",
                "premium-due:" + event.billId() + ":" + event.merchantId(), event.occurredAt(), event.policyNumber(),
                event.period(), event.share());
    }
}
