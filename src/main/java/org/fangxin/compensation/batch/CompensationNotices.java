package org.fangxin.compensation.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.fangxin.shared.Money;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Notices to affected consumers, as message keys in their language (ADR 11); dedup keys make every resend harmless.
 * A paid or taken-over line publishes {@link CompensationLinePaid} in the transaction that marks it, and its holder is
 * told after commit; the planned notices of a whole batch are sent by {@link CompensationNoticeSender} after the plan
 * committed, in chunks that record what was sent (a bulk sender, ADR 11).
 */
@Component
class CompensationNotices {

    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CompensationNotices(Notifications notifications, ApplicationEventPublisher events, Clock clock) {
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    /** A line's planned notice, to send with the rest of its chunk. */
    Notice planned(Line line, String merchantName, Money amount, Instant chooseBy) {
        return Notice.of(line.consumerId(), "compensation.notice.planned", "compensation-planned:" + line.id(),
                clock.instant(), merchantName, amount, chooseBy);
    }

    /**
     * Sends a chunk of planned notices now, in one JDBC batch (the sender runs after the plan committed; one insert per
     * notice held the chunk's line locks long enough to stall the payment of the same lines).
     */
    void sendPlanned(List<Notice> planned) {
        notifications.sendAll(planned);
    }

    /** In the transaction that marks the line PAID: its holder is told after commit. */
    void paid(Line line, Money amount) {
        events.publishEvent(new CompensationLinePaid(line.id(), line.consumerId(), amount, false, clock.instant()));
    }

    /**
     * Many lines marked PAID in one transaction (a batch of provider refunds): their holders' notices are written in
     * that transaction in one JDBC batch, instead of one event and one listener transaction per line.
     */
    void paidAll(List<Line> lines) {
        notifications.sendAll(lines.stream().map(line -> Notice.of(line.consumerId(), "compensation.notice.paid",
                "compensation-paid:" + line.id(), clock.instant(), Money.fen(line.unredeemedMinor()))).toList());
    }

    /** In the transaction that moved the line's card to the successor: its holder is told after commit. */
    void takenOver(Line line, Money amount) {
        events.publishEvent(new CompensationLinePaid(line.id(), line.consumerId(), amount, true, clock.instant()));
    }

    @ApplicationModuleListener
    void on(CompensationLinePaid event) {
        notifications.send(Notice.of(event.consumerId(), event.takenOver() ? "compensation.notice.takenOver"
                : "compensation.notice.paid", "compensation-paid:" + event.lineId(), event.occurredAt(),
                event.amount()));
    }
}
