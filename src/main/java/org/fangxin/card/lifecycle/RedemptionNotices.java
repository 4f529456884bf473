package org.fangxin.card.lifecycle;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import org.fangxin.card.persistence.RedemptionNoticeQueue;
import org.fangxin.card.persistence.RedemptionNoticeQueue.Redeemed;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.fangxin.shared.Money;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells holders of their redemptions in batches, after commit (ADR 14, within ADR 11): every second, on each shard,
 * one pass reads the committed redemptions after its cursor and writes all their notices in one statement per batch,
 * with the dedup keys the event listener used ({@code card-redeemed:<redemptionId>}), then moves the cursor in the
 * same transaction. The redemption itself writes no event publication and commits nothing more for its notice. Two
 * instances are safe: an advisory lock lets one pass run per database, and a repeated notice is a no-op.
 */
@Component
public class RedemptionNotices {

    static final int BATCH_SIZE_MAX = 500;
    static final int BATCHES_PER_PASS_MAX = 20;
    private static final Logger log = LoggerFactory.getLogger(RedemptionNotices.class);

    private final RedemptionNoticeQueue queue;
    private final Notifications notifications;
    private final TransactionTemplate transactions;
    private final Shards shards;
    private final Duration disputeWindow;

    RedemptionNotices(RedemptionNoticeQueue queue, Notifications notifications, TransactionTemplate transactions,
                      Shards shards, @Value("${fangxin.card.dispute-window:PT48H}") Duration disputeWindow) {
        this.queue = queue;
        this.notifications = notifications;
        this.transactions = transactions;
        this.shards = shards;
        this.disputeWindow = disputeWindow;
    }

    @Scheduled(fixedDelayString = "${fangxin.card.redemption-notices.interval:PT1S}",
            initialDelayString = "${fangxin.card.redemption-notices.interval:PT1S}")
    void onSchedule() {
        try {
            sendPending();
        } catch (RuntimeException e) {
            log.warn("redemption notices failed; the next pass retries: {}", e.toString());
        }
    }

    /**
     * The job's pass (tests call it too): sends the notices of the committed redemptions not yet noticed, on each
     * shard, and answers how many it sent; 0 also when another pass holds the lock.
     */
    public int sendPending() {
        return shards.each(() -> {
            int sent = 0;
            for (int batch = 0; batch < BATCHES_PER_PASS_MAX; batch++) {
                int size = transactions.execute(status -> sendBatch());
                sent += size;
                if (size < BATCH_SIZE_MAX) {
                    break;
                }
            }
            return sent;
        }).stream().mapToInt(Integer::intValue).sum();
    }

    /** One batch in one transaction: lock, horizon, cursor, read, notices in one statement, cursor moved. */
    private int sendBatch() {
        if (!queue.tryLock()) {
            return 0; // another instance's pass is at work on this database
        }
        String horizon = queue.horizon();
        List<Redeemed> due = queue.next(queue.cursor(), horizon, BATCH_SIZE_MAX);
        if (due.isEmpty()) {
            return 0;
        }
        notifications.sendAll(due.stream().map(this::notice).toList());
        queue.advancePast(due.get(due.size() - 1));
        return due.size();
    }

    Notice notice(Redeemed r) {
        Currency currency = Currency.getInstance(r.currency());
        boolean sessions = r.sessions() != null;
        return Notice.of(r.holderId(), sessions ? "card.notice.redeemed.sessions" : "card.notice.redeemed.amount",
                "card-redeemed:" + r.redemptionId(), r.redeemedAt(), r.productName(),
                sessions ? r.sessions() : new Money(r.faceAmountMinor(), currency), new Money(r.valueMinor(), currency),
                disputeWindow.toHours());
    }
}
