package org.fangxin.card.lifecycle;

import java.util.UUID;
import org.fangxin.notification.Notifications;
import org.springframework.stereotype.Component;

/** Tells people what happened to a card (redemption, request to confirm, transfer) through the notification inbox. */
@Component
public class CardNotices {

    private final Notifications notifications;

    CardNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    public void send(UUID userId, String subject, String body) {
        notifications.send(userId, subject, body);
    }
}
