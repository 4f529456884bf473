package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.fangxin.shared.Money;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the merchant's owners that their risk deposit must be topped up, or covers again, after the coverage check
 * committed (ADR 11); one notice per owner and top-up request (or restoration).
 */
@Component
class DepositNotices {

    private final Notifications notifications;
    private final Users users;

    DepositNotices(Notifications notifications, Users users) {
        this.notifications = notifications;
        this.users = users;
    }

    @ApplicationModuleListener
    void on(MerchantUnderCovered event) {
        notifyOwners(event.merchantId(), "protection.notify.topUp", "deposit-top-up:" + event.topUpRequestId(),
                event.occurredAt(), event.required(), event.lodged(), event.shortfall());
    }

    @ApplicationModuleListener
    void on(MerchantCoverRestored event) {
        notifyOwners(event.merchantId(), "protection.notify.restored",
                "deposit-restored:" + event.merchantId() + ":" + event.occurredAt().toEpochMilli(), event.occurredAt(),
                event.required(), event.lodged(), null);
    }

    private void notifyOwners(UUID merchantId, String key, String dedupKey, Instant at, Money required, Money lodged,
                              Money shortfall) {
        for (UserAccount user : users.ofMerchant(merchantId)) {
            if (user.is(Role.MERCHANT_OWNER)) {
                notifications.send(Notice.of(user.id(), key, dedupKey + ":" + user.id(), at, required, lodged, shortfall));
            }
        }
    }
}
