package org.fangxin.merchant;

import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells a merchant's people what the platform decided about it (approved, rejected, suspended, reinstated, closing,
 * closed), after the change committed (ADR 11): one notice per person and transition, keyed by the new status
 * ({@code merchant.notice.status.<STATUS>}) so the inbox shows it in the reader's language; the operator's reason
 * is passed as written. The dedup key makes a redelivered event send nothing twice.
 */
@Component
class MerchantNotices {

    private final Notifications notifications;

    MerchantNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(MerchantStatusChanged event) {
        String reason = event.reason() == null ? "" : event.reason().strip();
        notifications.sendToMerchantPeople(event.merchantId(), "merchant.notice.status." + event.to(),
                "merchant-status:" + event.merchantId() + ":" + event.to() + ":" + event.changedAt().toEpochMilli(),
                event.changedAt(), reason);
    }
}
