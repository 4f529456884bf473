package org.fangxin.notification;

import java.util.Locale;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantStatusChanged;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells a merchant's people what the platform decided about it (approved, rejected, suspended, reinstated, closing,
 * closed), worded by the bundle in the platform's language. At most one notice per person and transition (dedup key),
 * so a redelivered event sends nothing twice.
 */
@Component
class MerchantStatusNotices {

    private static final Locale MESSAGE_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final Notifications notifications;
    private final Users users;
    private final MessageSource messages;

    MerchantStatusNotices(Notifications notifications, Users users, MessageSource messages) {
        this.notifications = notifications;
        this.users = users;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(MerchantStatusChanged event) {
        String status = messages.getMessage("merchant.status." + event.to(), null, event.to().name(), MESSAGE_LOCALE);
        String reason = event.reason() == null || event.reason().isBlank() ? "" : event.reason();
        String subject = messages.getMessage("notification.merchantStatus.subject", new Object[] {status}, MESSAGE_LOCALE);
        String body = messages.getMessage(reason.isEmpty() ? "notification.merchantStatus.body" : "notification.merchantStatus.bodyWithReason",
                new Object[] {status, reason}, MESSAGE_LOCALE);
        for (UserAccount person : users.ofMerchant(event.merchantId())) {
            notifications.send(person.id(), subject, body,
                    "merchant-status:" + event.merchantId() + ":" + event.to() + ":" + event.changedAt().toEpochMilli() + ":" + person.id());
        }
    }
}
