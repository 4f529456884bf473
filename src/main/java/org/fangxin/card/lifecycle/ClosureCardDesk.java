package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.CardFrozen;
import org.fangxin.card.CardsHeldForCompensation;
import org.fangxin.card.ClosureCards;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.card.persistence.ClosureCardRepository;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@link ClosureCards} API: holds a closed merchant's cards and ends them as compensated or taken over. */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class ClosureCardDesk implements ClosureCards {

    private final ClosureCardRepository repository;
    private final CardPostings postings;
    private final PeriodRelease release;
    private final CompensationTakeover takeover;
    private final IdGenerator ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final InsurerSubrogation subrogation;

    ClosureCardDesk(ClosureCardRepository repository, CardPostings postings, PeriodRelease release,
                    CompensationTakeover takeover, IdGenerator ids, Clock clock, ApplicationEventPublisher events,
                    InsurerSubrogation subrogation) {
        this.subrogation = subrogation;
        this.repository = repository;
        this.postings = postings;
        this.release = release;
        this.takeover = takeover;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public int holdForCompensation(UUID merchantId, Instant asOf) {
        List<ClosureCardRepository.HeldCard> live = repository.lockLiveForHold(merchantId);
        // only an ACTIVE pass can have days to earn before the hold (Card.release): only those rows are read whole
        List<UUID> activePasses = live.stream().filter(card -> card.active() && card.pass())
                .map(ClosureCardRepository.HeldCard::id).toList();
        if (!activePasses.isEmpty()) {
            repository.lockAll(activePasses).forEach(row -> release.releaseLocked(row.card(), asOf));
        }
        for (ClosureCardRepository.HeldCard card : live) {
            if (card.active()) {
                events.publishEvent(new CardFrozen(card.id(), card.holderId(), merchantId, asOf));
            }
        }
        repository.freezeLive(merchantId);
        // one event for the merchant: other ways out of these cards (an open refund request) are superseded
        events.publishEvent(new CardsHeldForCompensation(merchantId, live.size(), clock.instant()));
        return live.size();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CardView> liveCards(UUID merchantId) {
        List<CardRow> rows = repository.live(merchantId);
        // one ledger read for all cards: at 100,000 cards a read per card took minutes
        Map<Currency, Map<UUID, Money>> unredeemed = new HashMap<>();
        rows.stream().collect(Collectors.groupingBy(CardRow::currency)).forEach((currency, ofCurrency) ->
                unredeemed.put(currency, postings.unredeemed(ofCurrency.stream().map(CardRow::id).toList(), currency)));
        // an insurer approved paying the holder part of the value and has not paid yet: that part waits for the
        // insurer's subrogation, so compensation never pays it a second time (issue 10)
        Map<UUID, Long> forInsurer = subrogation.pending(rows.stream().map(CardRow::id).toList());
        return rows.stream().map(c -> CardRegistry.view(c, unredeemed.get(c.currency()).get(c.id())
                .minus(c.money(forInsurer.getOrDefault(c.id(), 0L))).max(c.money(0)))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Money> heldForInsurer(List<UUID> cardIds) {
        Map<UUID, Money> held = new HashMap<>();
        subrogation.pending(cardIds).forEach((card, minor) -> held.put(card, Money.fen(minor)));
        return held;
    }

    @Override
    public Money settleAdvance(UUID merchantId, Money amount) {
        long live = repository.reduceLiveAdvance(merchantId, amount.amountMinor());
        long ended = repository.reduceUnrecoveredAdvance(merchantId, amount.amountMinor() - live);
        return new Money(live + ended, amount.currency());
    }

    @Override
    public void compensateAll(List<ToCompensate> orders, String reason) {
        if (orders.isEmpty()) {
            return;
        }
        Map<UUID, CardRow> rows = new HashMap<>();
        repository.lockAll(orders.stream().map(ToCompensate::cardId).toList()).forEach(row -> rows.put(row.id(), row));
        Instant now = clock.instant();
        List<ClosureCardRepository.Compensated> ended = new ArrayList<>(orders.size());
        UUID[] eventIds = new UUID[orders.size()];
        UUID[] eventCards = new UUID[orders.size()];
        long[] eventAmounts = new long[orders.size()];
        Map<UUID, Long> excessByMerchant = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            ToCompensate order = orders.get(i);
            CardRow card = held(rows.get(order.cardId()), order.cardId());
            long value = order.unredeemed().amountMinor();
            long advance = card.advanceOutstandingMinor();
            ended.add(new ClosureCardRepository.Compensated(card.id(), value,
                    Math.max(0, advance - order.advanceSettled().amountMinor())));
            long excess = order.advanceSettled().amountMinor() - advance;
            if (excess > 0) {
                excessByMerchant.merge(card.merchantId(), excess, Long::sum);
            }
            eventIds[i] = ids.next();
            eventCards[i] = card.id();
            eventAmounts[i] = value;
        }
        repository.endCompensated(ended, now, reason);
        excessByMerchant.forEach(this::settleUnrecovered);
        repository.addEvents(eventIds, eventCards, eventAmounts, now, "COMPENSATED", reason == null ? "" : reason);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean offersTakeover(UUID successorMerchantId, UUID productId) {
        return takeover.offered(successorMerchantId, productId).isPresent();
    }

    @Override
    public UUID compensateByTakeover(ToCompensate card, UUID successorMerchantId, UUID productId, String reason) {
        return takeover.takeOver(card, successorMerchantId, productId, reason);
    }

    /** The card, if it is held (FROZEN, or ACTIVE when held in the same transaction); else a 404 or 409 rejection. */
    static CardRow held(CardRow card, UUID cardId) {
        if (card == null) {
            throw Rejection.notFound("card " + cardId);
        }
        if (card.status() != CardStatus.FROZEN && card.status() != CardStatus.ACTIVE) {
            throw new Rejection(CardRegistry.CARD_NOT_ACTIVE, "card " + card.id() + " is " + card.status(),
                    Map.of("status", card.status().name()));
        }
        return card;
    }

    /** Advance settled beyond a card's own: settles what the merchant's ended cards left unrecovered. */
    void settleUnrecovered(UUID merchantId, long excess) {
        if (repository.reduceUnrecoveredAdvance(merchantId, excess) != excess) {
            throw new IllegalStateException("merchant " + merchantId + " has less unrecovered advance than " + excess);
        }
    }
}
