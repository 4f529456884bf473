package org.fangxin.refund.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.refund.Refunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The refund module's timed work, idempotent and bounded per run: accepting requests the merchant let pass, refunding
 * expired cards, and telling holders of coming expiry. Each item runs in its own transaction (through the facade), so
 * one failure does not hold back the others; a run processes everything due up to the clock's now.
 */
@Component
public class RefundTimers {

    private static final Logger log = LoggerFactory.getLogger(RefundTimers.class);

    private final Refunds refunds;
    private final Cards cards;
    private final Clock clock;
    private final int batchSize;
    private final int noticeDays;

    RefundTimers(Refunds refunds, Cards cards, Clock clock,
                 @Value("${fangxin.refund.batch-size:200}") int batchSize,
                 @Value("${fangxin.refund.expiry-notice-days:7}") int noticeDays) {
        if (batchSize < 1 || batchSize > 1000 || noticeDays < 0 || noticeDays > 90) {
            throw new IllegalArgumentException("fangxin.refund.batch-size 1..1000, expiry-notice-days 0..90");
        }
        this.refunds = refunds;
        this.cards = cards;
        this.clock = clock;
        this.batchSize = batchSize;
        this.noticeDays = noticeDays;
    }

    /** Approves pending requests whose contest deadline passed; answers how many were approved. */
    public int acceptSilentRequests() {
        int approved = 0;
        for (UUID id : refunds.silentCandidates(batchSize)) {
            try {
                approved += refunds.acceptIfSilent(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("refund {} could not be accepted; retried on the next run", id, e);
            }
        }
        return approved;
    }

    /** Refunds cards whose validity ended; answers how many. */
    public int refundExpiredCards() {
        // the latest "today" of any zone; each card is re-checked in its merchant's zone
        LocalDate latestToday = LocalDate.ofInstant(clock.instant(), ZoneOffset.MAX);
        int refunded = 0;
        for (CardView card : cards.expiringBefore(latestToday, batchSize)) {
            try {
                refunded += refunds.refundExpired(card.id()) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("expired card {} could not be refunded; retried on the next run", card.id(), e);
            }
        }
        return refunded;
    }

    /** Tells holders of cards ending within the notice days (once per card); answers how many were told. */
    public int noticeExpiringCards() {
        LocalDate horizon = LocalDate.ofInstant(clock.instant(), ZoneOffset.MAX).plusDays(noticeDays + 1L);
        // only cards still running: expired ones waiting for their refund must not crowd the batch
        LocalDate earliestToday = LocalDate.ofInstant(clock.instant(), ZoneOffset.MIN);
        int noticed = 0;
        for (CardView card : cards.endingBetween(earliestToday, horizon, batchSize)) {
            noticed += refunds.noticeExpiry(card) ? 1 : 0;
        }
        return noticed;
    }
}
