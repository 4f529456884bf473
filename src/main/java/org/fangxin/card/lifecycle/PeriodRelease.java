package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
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

    PeriodRelease(CardRepository cards, CardPostings postings, IdGenerator ids, Clock clock, TransactionTemplate transactions) {
        this.cards = cards;
        this.postings = postings;
        this.ids = ids;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Releases everything due now; returns how many cards earned something. */
    public int releaseDue() {
        Instant now = clock.instant();
        int released = 0;
        for (int batch = 0; batch < BATCHES_MAX; batch++) {
            Integer count = transactions.execute(status -> releaseBatch(now));
            released += count == null ? 0 : count;
            if (count == null || count < BATCH_SIZE) {
                break;
            }
        }
        return released;
    }

    private int releaseBatch(Instant now) {
        List<CardRow> due = cards.lockPassesDue(now, BATCH_SIZE);
        due.forEach(card -> releaseLocked(card, now));
        return due.size();
    }

    /** Earns a locked pass's value through yesterday; the caller holds the card's row lock. Returns the value earned. */
    long releaseLocked(CardRow card, Instant now) {
        if (card.kind() != Entitlement.Kind.PERIOD_PASS) {
            return 0;
        }
        LocalDate through = LocalDate.ofInstant(now, card.zone()).minusDays(1);
        Entitlement.Step step = card.entitlement().releaseThrough(through);
        if (step.after().equals(card.entitlement())) {
            return 0;
        }
        LocalDate until = step.after().releasedThrough();
        Money value = CardRegistry.money(card, step.valueMinor());
        if (value.isPositive()) {
            postings.earned("period-release:" + card.id() + ":" + until, "period pass " + card.id() + " earned through " + until,
                    card.id(), card.merchantId(), value, CardRegistry.money(card, step.nettedMinor()));
        }
        cards.updateEntitlement(card.id(), step.after(), null);
        cards.addEvent(ids.next(), card.id(), now, "RELEASED", "earned through " + until, value.amountMinor(), null, null);
        return value.amountMinor();
    }
}
