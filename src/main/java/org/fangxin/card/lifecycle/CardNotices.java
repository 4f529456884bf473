package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.fangxin.shared.Money;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The card module's in-app notices as message keys ({@code card.notice.<what>.subject|body}) and arguments, so the
 * inbox shows them in the reader's language (ADR 11); the dedup key names the redemption, request or transfer.
 */
@Component
public class CardNotices {

    private final Notifications notifications;
    private final MessageSource messages;
    private final Clock clock;

    CardNotices(Notifications notifications, MessageSource messages, Clock clock) {
        this.notifications = notifications;
        this.messages = messages;
        this.clock = clock;
    }

    public void send(UUID userId, String what, String dedupKey, Object... args) {
        notifications.send(Notice.of(userId, "card.notice." + what, dedupKey, clock.instant(), args));
    }

    /** "2 次" or "¥50.00": what a redemption used, as the notices say it (in the platform's language). */
    String used(Integer sessions, Money amount) {
        return sessions != null
                ? messages.getMessage("card.sessions", new Object[] {sessions}, Notifications.DEFAULT_LOCALE)
                : amount.format();
    }
}
