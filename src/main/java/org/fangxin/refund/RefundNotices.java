package org.fangxin.refund;

import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.fangxin.refund.persistence.RefundRepository;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells card holders how their refund goes and that a card expires soon, after the change committed (ADR 11); the
 * dedup keys ({@code refund-approved:}, {@code refund-paid:}, {@code expiry-warning:}) come from the events.
 */
@Component
class RefundNotices {

    private final Notifications notifications;
    private final RefundRepository repository;

    RefundNotices(Notifications notifications, RefundRepository repository) {
        this.notifications = notifications;
        this.repository = repository;
    }

    @ApplicationModuleListener
    void on(RefundApproved event) {
        RefundView refund = repository.find(event.refundId()).orElseThrow().view();
        notifications.send(Notice.of(event.holderUserId(), "refund.notice.approved", "refund-approved:" + event.refundId(),
                event.occurredAt(), event.refund(), refund.fee()));
    }

    @ApplicationModuleListener
    void on(RefundPaid event) {
        notifications.send(Notice.of(event.holderUserId(), "refund.notice.paid", "refund-paid:" + event.refundId(),
                event.occurredAt(), event.refund()));
    }

    @ApplicationModuleListener
    void on(CardExpiringSoon event) {
        notifications.send(Notice.of(event.holderUserId(), "refund.notice.expiry", "expiry-warning:" + event.cardId(),
                event.occurredAt(), event.validUntil(), event.unredeemed()));
    }
}
