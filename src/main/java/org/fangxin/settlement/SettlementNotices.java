package org.fangxin.settlement;

import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Asks the merchant's owners to correct the settlement account of a returned payout, after commit (ADR 11), once each. */
@Component
class SettlementNotices {

    private final Notifications notifications;

    SettlementNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(PayoutReturned event) {
        notifications.sendToMerchantOwners(event.merchantId(), "settlement.notify.returned",
                "payout-returned:" + event.payoutId(), event.occurredAt(), event.amount(), event.settlementDate(),
                event.reasonCode(), event.reasonText());
    }
}
