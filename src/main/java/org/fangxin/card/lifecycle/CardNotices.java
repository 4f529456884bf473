package org.fangxin.card.lifecycle;

import java.util.Locale;
import java.util.UUID;
import org.fangxin.notification.Notifications;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The card module's in-app notices, worded by the message bundle ({@code card.notice.<what>.subject|body}) in the
 * platform's language (Simplified Chinese), as the inbox stores the text it shows.
 */
@Component
public class CardNotices {

    private static final Locale MESSAGE_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final Notifications notifications;
    private final MessageSource messages;

    CardNotices(Notifications notifications, MessageSource messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    public void send(UUID userId, String what, Object... args) {
        notifications.send(userId, messages.getMessage("card.notice." + what + ".subject", args, MESSAGE_LOCALE),
                messages.getMessage("card.notice." + what + ".body", args, MESSAGE_LOCALE));
    }

    /** "2 次" or "¥50.00": what a redemption used, as the notices say it. */
    String used(Integer sessions, org.fangxin.shared.Money amount) {
        return sessions != null ? messages.getMessage("card.sessions", new Object[] {sessions}, MESSAGE_LOCALE) : amount.format();
    }
}
