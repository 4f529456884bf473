package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.card.CardValueReleased;
import org.fangxin.card.EarningStops;
import org.fangxin.card.domain.Card;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.shared.IdGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Earns period passes day by day: each run earns, per active pass, everything due through yesterday (in the card's
 * zone), so a run after downtime catches up. Batches lock their cards with SKIP LOCKED, so two instances share the work
 * and never release one card twice; the posting key {@code period-release:<card>:<through>} makes a replay harmless.
 */
@Service
public class PeriodRelease {

    static final int BATCH_SIZE = 100;
    static final int BATCHES_MAX = 1_000;

    private final CardRepository cards;
    private final CardPostings postings;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<EarningStops> earningStops;

    PeriodRelease(CardRepository cards, CardPostings postings, IdGenerator ids, Clock clock, TransactionTemplate transactions,
                  ApplicationEventPublisher events, ObjectProvider<EarningStops> earningStops) {
        this.earningStops = earningStops;
        this.cards = cards;
        this.postings = postings;
        this.ids = ids;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Releases everything due now; returns how many cards earned something. A merchant an {@link EarningStops} bean
     * stops (a closure case) earns only through the day before its stop.
     */
    public int releaseDue() {
        Instant now = clock.instant();
        Map<UUID, Instant> stops = new HashMap<>();
        earningStops.orderedStream().forEach(source -> source.stoppedMerchants().forEach((merchant, stop) -> stops.merge(merchant, stop,
                (a, b) -> a.isBefore(b) ? a : b)));
        int released = releaseAll(now, null, stops.keySet());
        for (Map.Entry<UUID, Instant> stop : stops.entrySet()) {
            released += releaseAll(stop.getValue().isBefore(now) ? stop.getValue() : now, stop.getKey(), Set.of());
        }
        return released;
    }

    private int releaseAll(Instant asOf, UUID onlyMerchant, Set<UUID> exceptMerchants) {
        int released = 0;
        for (int batch = 0; batch < BATCHES_MAX; batch++) {
            Integer count = transactions.execute(status -> releaseBatch(asOf, onlyMerchant, exceptMerchants));
            released += count == null ? 0 : count;
            if (count == null || count < BATCH_SIZE) {
                break;
            }
        }
        return released;
    }

    private int releaseBatch(Instant asOf, UUID onlyMerchant, Set<UUID> exceptMerchants) {
        List<CardRow> due = cards.lockPassesDue(asOf, BATCH_SIZE, onlyMerchant, exceptMerchants);
        due.forEach(row -> releaseLocked(row.card(), asOf));
        return due.size();
    }

    /**
     * Earns a locked ACTIVE pass's value through yesterday (other kinds earn nothing here); the caller holds the card's
     * row lock. Answers the card after the release (the same card when nothing was due).
     */
    Card releaseLocked(Card card, Instant now) {
        Optional<Card.Change<CardValueReleased>> change = card.release(now);
        if (change.isEmpty()) {
            return card;
        }
        CardValueReleased released = change.get().event();
        if (released.value().isPositive()) {
            postings.earned("period-release:" + card.id() + ":" + released.through(), "period pass " + card.id()
                    + " earned through " + released.through(), card.id(), card.merchantId(), released.value(),
                    released.advanceNetted());
        }
        cards.updateEntitlement(card.id(), change.get().after().entitlement(), null);
        cards.addEvent(ids.next(), card.id(), now, "RELEASED", "earned through " + released.through(),
                released.value().amountMinor(), null, null);
        events.publishEvent(released);
        return change.get().after();
    }
}
