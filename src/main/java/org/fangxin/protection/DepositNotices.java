package org.fangxin.protection;

import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the merchant's owners that their risk deposit must be topped up, or covers again, after the coverage check
 * committed (ADR 11); one notice per owner and top-up request (or restoration).
 */
@Component
class DepositNotices {

    private final Notifications notifications;

    DepositNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(MerchantUnderCovered event) {
        notifications.sendToMerchantOwners(event.merchantId(), "protection.notify.topUp",
                "deposit-top-up:" + event.topUpRequestId(), event.occurredAt(), event.required(), event.lodged(),
                event.shortfall());
    }

    @ApplicationModuleListener
    void on(MerchantCoverRestored event) {
        notifications.sendToMerchantOwners(event.merchantId(), "protection.notify.restored",
                "deposit-restored:" + event.merchantId() + ":" + event.occurredAt().toEpochMilli(), event.occurredAt(),
                event.required(), event.lodged(), null);
    }
}
