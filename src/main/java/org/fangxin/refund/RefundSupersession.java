package org.fangxin.refund;

import java.time.Clock;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Cards;
import org.fangxin.card.CardsHeldForCompensation;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.shared.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A closed merchant's cards are held for compensation, which pays their whole unredeemed value: a refund request of
 * such a card still waiting for the merchant (or an operator) is superseded — it ends CANCELLED with that reason and
 * the holder is told (RefundNotices, on RefundSuperseded), instead of staying open for the merchant after the money came by the compensation.
 * Idempotent: a redelivered event finds nothing undecided.
 */
@Component
class RefundSupersession {

    static final String REASON = "superseded by the closure compensation";

    private final RefundRepository repository;
    private final Cards cards;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RefundSupersession(RefundRepository repository, Cards cards, AuditTrail audit, ApplicationEventPublisher events,
                       Clock clock) {
        this.repository = repository;
        this.cards = cards;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CardsHeldForCompensation event) {
        for (UUID id : repository.undecidedOfMerchant(event.merchantId())) {
            Stored stored = repository.lock(id).orElseThrow();
            boolean cardHeld = cards.find(stored.view().cardId()).map(c -> c.status() != CardStatus.ACTIVE).orElse(true);
            RefundStatus status = stored.view().status();
            if (status != RefundStatus.PENDING_MERCHANT && status != RefundStatus.DISPUTED || !cardHeld) {
                continue;
            }
            repository.cancel(id, REASON, clock.instant());
            audit.record("refund.superseded", "refund", id, stored.view(), repository.find(id).orElseThrow().view());
            events.publishEvent(new RefundSuperseded(id, stored.view().cardId(), stored.view().holderUserId(), event.occurredAt()));
        }
    }
}
