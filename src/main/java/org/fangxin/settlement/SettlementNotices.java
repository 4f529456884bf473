package org.fangxin.settlement;

import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Asks the merchant's owners to correct the settlement account of a returned payout, after commit (ADR 11), once each. */
@Component
class SettlementNotices {

    private final Notifications notifications;
    private final Users users;

    SettlementNotices(Notifications notifications, Users users) {
        this.notifications = notifications;
        this.users = users;
    }

    @ApplicationModuleListener
    void on(PayoutReturned event) {
        for (UserAccount user : users.ofMerchant(event.merchantId())) {
            if (user.is(Role.MERCHANT_OWNER)) {
                notifications.send(Notice.of(user.id(), "settlement.notify.returned",
                        "payout-returned:" + event.payoutId() + ":" + user.id(), event.occurredAt(), event.amount(),
                        event.settlementDate(), event.reasonCode(), event.reasonText()));
            }
        }
    }
}
