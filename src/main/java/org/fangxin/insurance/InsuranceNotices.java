package org.fangxin.insurance;

import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tells the merchant's owners that their premium share is due, after the bill committed (ADR 11), once per bill. */
@Component
class InsuranceNotices {

    private final Notifications notifications;
    private final Users users;

    InsuranceNotices(Notifications notifications, Users users) {
        this.notifications = notifications;
        this.users = users;
    }

    @ApplicationModuleListener
    void on(PremiumShareDue event) {
        for (UserAccount user : users.ofMerchant(event.merchantId())) {
            if (user.is(Role.MERCHANT_OWNER)) {
                notifications.send(Notice.of(user.id(), "insurance.notify.premiumDue",
                        "premium-due:" + event.billId() + ":" + event.merchantId() + ":" + user.id(), event.occurredAt(),
                        event.policyNumber(), event.period(), event.share()));
            }
        }
    }
}
