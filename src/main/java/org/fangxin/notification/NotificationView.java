package org.fangxin.notification;

import java.time.Instant;
import java.util.UUID;

/** One message in a user's inbox. */
public record NotificationView(UUID id, UUID userId, String subject, String body, Instant sentAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
