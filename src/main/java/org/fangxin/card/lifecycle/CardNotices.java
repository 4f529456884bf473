package org.fangxin.card.lifecycle;

import org.fangxin.card.CardTransferOffered;
import org.fangxin.card.CardTransferred;
import org.fangxin.card.RedemptionRequested;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells people what happened to a card, after the change committed (ADR 11): the holder of a request to confirm, the
 * merchant's people and the recipient of a transfer. Dedup keys come from the events, so a redelivered event sends
 * nothing twice. The holder hears of a redemption from {@link RedemptionNotices}, in batches (ADR 14).
 */
@Component
class CardNotices {

    private final Notifications notifications;

    CardNotices(Notifications notifications) {
        this.notifications = notifications;
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

    @ApplicationModuleListener
    void on(CardTransferOffered event) {
        notifications.send(Notice.of(event.recipientId(), "card.notice.offered", "card-offered:" + event.offerId(),
                event.occurredAt(), event.productName()));
    }
}
