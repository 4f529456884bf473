package org.fangxin.card.lifecycle;

import java.time.Duration;
import org.fangxin.card.CardRedeemed;
import org.fangxin.card.CardTransferred;
import org.fangxin.card.RedemptionRequested;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells people what happened to a card, after the change committed (ADR 11): the holder of a redemption and of a
 * request to confirm, the merchant's people and the recipient of a transfer. Dedup keys come from the events, so a
 * redelivered event sends nothing twice.
 */
@Component
class CardNotices {

    private final Notifications notifications;
    private final Duration disputeWindow;

    CardNotices(Notifications notifications, @Value("${fangxin.card.dispute-window:PT48H}") Duration disputeWindow) {
        this.notifications = notifications;
        this.disputeWindow = disputeWindow;
    }

    @ApplicationModuleListener
    void on(CardRedeemed event) {
        boolean sessions = event.sessions() != null;
        notifications.send(Notice.of(event.holderId(), sessions ? "card.notice.redeemed.sessions" : "card.notice.redeemed.amount",
                "card-redeemed:" + event.redemptionId(), event.occurredAt(), event.productName(),
                sessions ? event.sessions() : event.amount(), event.value(), disputeWindow.toHours()));
    }

    @ApplicationModuleListener
    void on(RedemptionRequested event) {
        boolean sessions = event.sessions() != null;
        notifications.send(Notice.of(event.holderId(), sessions ? "card.notice.confirm.sessions" : "card.notice.confirm.amount",
                "redemption-requested:" + event.requestId(), event.occurredAt(), event.productName(),
                sessions ? event.sessions() : event.amount(), event.expiresAt()));
    }

    @ApplicationModuleListener
    void on(CardTransferred event) {
        notifications.sendToMerchantPeople(event.merchantId(), "card.notice.transferred",
                "card-transferred:" + event.transferId(), event.occurredAt(), event.productName(), event.cardId(),
                event.successorCardId(), event.amount());
        notifications.send(Notice.of(event.toHolderId(), "card.notice.received", "card-received:" + event.transferId(),
                event.occurredAt(), event.productName(), event.amount()));
    }
}
