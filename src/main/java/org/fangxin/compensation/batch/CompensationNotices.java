package org.fangxin.compensation.batch;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.fangxin.notification.Notifications;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.shared.Money;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** In-app notices to affected consumers (Chinese, the consumers' default); dedup keys make every resend harmless. */
@Component
class CompensationNotices {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Notifications notifications;
    private final MessageSource messages;

    CompensationNotices(Notifications notifications, MessageSource messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    void planned(Line line, String merchantName, Money amount, Instant chooseBy) {
        notifications.send(line.consumerId(), text("compensation.notice.planned.subject", merchantName),
                text("compensation.notice.planned.body", merchantName, amount.format(),
                        DATE.format(chooseBy.atZone(ZONE))),
                "compensation-planned:" + line.id());
    }

    void paid(Line line, Money amount) {
        notifications.send(line.consumerId(), text("compensation.notice.paid.subject"),
                text("compensation.notice.paid.body", amount.format()), "compensation-paid:" + line.id());
    }

    void takenOver(Line line, Money amount) {
        notifications.send(line.consumerId(), text("compensation.notice.takenOver.subject"),
                text("compensation.notice.takenOver.body", amount.format()), "compensation-paid:" + line.id());
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.SIMPLIFIED_CHINESE);
    }
}
