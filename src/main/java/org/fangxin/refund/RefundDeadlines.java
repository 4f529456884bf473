package org.fangxin.refund;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.refund.domain.RefundTransition;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.shared.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The refund jobs' steps, one card or request per call in the caller's transaction: a request the merchant let pass
 * is approved, an expired card is refunded in full, a card about to expire is announced to its holder once.
 */
@Component
class RefundDeadlines {

    private final RefundRepository repository;
    private final Cards cards;
    private final RefundQuotes quotes;
    private final RefundApproval approval;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RefundDeadlines(RefundRepository repository, Cards cards, RefundQuotes quotes, RefundApproval approval,
                    AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.cards = cards;
        this.quotes = quotes;
        this.approval = approval;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Job step: approves one request the merchant let pass (deadline over in its zone); cancels it if the card ended. */
    boolean acceptIfSilent(UUID refundId) {
        Stored stored = repository.lock(refundId).orElseThrow();
        if (stored.view().status() != RefundStatus.PENDING_MERCHANT) {
            return false;
        }
        if (!quotes.todayAt(stored.view().merchantId()).isAfter(stored.view().contestDeadline())) {
            return false;
        }
        if (cards.find(stored.view().cardId()).map(c -> c.status() != CardStatus.ACTIVE).orElse(true)) {
            repository.cancel(refundId, "the card is no longer active", clock.instant());
            audit.record("refund.cancelled", "refund", refundId, stored.view(), repository.find(refundId).orElseThrow().view());
            return false;
        }
        approval.approve(refundId, RefundTransition.ACCEPT_BY_SILENCE);
        return true;
    }

    /** Job step: surrenders one expired card as EXPIRED and refunds its whole unredeemed value (an open request yields). */
    boolean refundExpired(UUID cardId) {
        CardView card = cards.find(cardId).orElseThrow();
        LocalDate today = quotes.today(quotes.merchantOf(card).zone());
        if (card.status() != CardStatus.ACTIVE || !card.validUntil().isBefore(today)) {
            return false;
        }
        repository.findOpenForCard(cardId).ifPresent(open -> {
            if (!RefundTransition.CANCEL.allowedFrom(open.view().status())) {
                throw new IllegalStateException("card " + cardId + " is ACTIVE but refund " + open.view().id() + " is "
                        + open.view().status());
            }
            repository.cancel(open.view().id(), "superseded by the refund on expiry", clock.instant());
        });
        RefundQuote quote = quotes.quoteFor(card, RefundReason.EXPIRY, today);
        UUID id = approval.open(card, quote, today);
        approval.approve(id, RefundTransition.APPROVE_AUTOMATICALLY);
        return true;
    }

    /** Job step: tells the holder once that the card expires soon. */
    boolean noticeExpiry(CardView card) {
        if (card.status() != CardStatus.ACTIVE || !repository.noteExpiryNotice(card.id(), card.holderUserId(),
                card.validUntil(), clock.instant())) {
            return false;
        }
        events.publishEvent(new CardExpiringSoon(card.id(), card.holderUserId(), card.merchantId(), card.validUntil(),
                card.unredeemed(), clock.instant()));
        return true;
    }

    /** Ids of requests whose contest deadline passed in every time zone's today or earlier (the job re-checks). */
    List<UUID> silentCandidates(int limit) {
        return repository.silentBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.MAX), limit);
    }
}
