package org.fangxin.card.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells holders of their redemptions in batches, after commit (ADR 14, within ADR 11): on each shard, one pass reads
 * the committed redemptions after its cursor and writes all their notices in one statement per batch, with the dedup
 * keys the event listener used ({@code card-redeemed:<redemptionId>}), then moves the cursor in the same transaction.
 * The redemption itself writes no event publication and commits nothing more for its notice. Two instances are safe: an
 * advisory lock lets one pass run per database, and a repeated notice is a no-op. {@link RedemptionNoticesJob} runs the
 * pass every second while background jobs are on.
 * <p>
 * A batch that fails is sent again row by row in the same transaction, each row in a savepoint: a row that fails on its
 * own is parked ({@code card.redemption_notice_parked}) in the transaction that moves the cursor past it, so one bad
 * row never stops the queue, and it is retried from there with a growing pause (ADR 14 §6).
 */
@Component
public class RedemptionNotices {

    static final int BATCH_SIZE_MAX = 500;
    static final int BATCHES_PER_PASS_MAX = 20;
    /** Parked redemptions retried per pass and shard: a backlog of failing rows costs each pass a bounded amount. */
    static final int PARKED_PER_PASS_MAX = 50;
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    static final Duration RETRY_AFTER_MAX = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(RedemptionNotices.class);

    private final RedemptionNoticeQueue queue;
    private final Notifications notifications;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;
    private final Shards shards;
    private final Clock clock;
    private final Duration disputeWindow;
    private final Counter batchesFailed;
    private final Counter noticesFailed;

    RedemptionNotices(RedemptionNoticeQueue queue, Notifications notifications, PlatformTransactionManager transactions,
                      Shards shards, Clock clock, ObjectProvider<MeterRegistry> meterRegistry,
                      @Value("${fangxin.card.dispute-window:PT48H}") Duration disputeWindow) {
        this.queue = queue;
        this.notifications = notifications;
        this.transactions = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.shards = shards;
        this.clock = clock;
        this.disputeWindow = disputeWindow;
        MeterRegistry meters = meterRegistry.getIfAvailable(SimpleMeterRegistry::new);
        this.batchesFailed = meters.counter("fangxin.card.redemption.notices.failed", "scope", "batch");
        this.noticesFailed = meters.counter("fangxin.card.redemption.notices.failed", "scope", "notice");
    }

    /**
     * The job's pass (tests call it too): sends the notices of the committed redemptions not yet noticed and of the
     * parked ones that are due, on each shard, and answers how many it sent; 0 also when another pass holds the lock.
     */
    public int sendPending() {
        return shards.each(() -> {
            int sent = 0;
            for (int batch = 0; batch < BATCHES_PER_PASS_MAX; batch++) {
                boolean first = batch == 0;
                Sent size = transactions.execute(status -> sendBatch(first));
                sent += size.notices();
                if (size.read() < BATCH_SIZE_MAX) {
                    break;
                }
            }
            return sent;
        }).stream().mapToInt(Integer::intValue).sum();
    }

    /** Of a batch: the queue's rows read, and the notices written (with the parked ones retried). */
    private record Sent(int read, int notices) { }

    /**
     * One batch in one transaction: lock, (first batch of the pass: the parked ones due), horizon, cursor, read,
     * notices in one statement, cursor moved.
     */
    private Sent sendBatch(boolean first) {
        if (!queue.tryLock()) {
            return new Sent(0, 0); // another instance's pass is at work on this database
        }
        int retried = first ? retryParked() : 0;
        String horizon = queue.horizon();
        List<Redeemed> due = queue.next(queue.cursor(), horizon, BATCH_SIZE_MAX);
        if (due.isEmpty()) {
            return new Sent(0, retried);
        }
        int sent = sendAllOrOneByOne(due);
        queue.advancePast(due.get(due.size() - 1));
        return new Sent(due.size(), retried + sent);
    }

    /** All notices in one statement; if that fails, each in a savepoint of its own, parking those that fail. */
    private int sendAllOrOneByOne(List<Redeemed> due) {
        try {
            savepoint.executeWithoutResult(status -> notifications.sendAll(due.stream().map(this::notice).toList()));
            return due.size();
        } catch (RuntimeException e) {
            batchesFailed.increment();
            log.warn("a batch of {} redemption notices failed, sending them one by one: {}", due.size(), e.toString());
        }
        int sent = 0;
        for (Redeemed r : due) {
            if (sendOne(r)) {
                sent++;
            }
        }
        return sent;
    }

    private int retryParked() {
        int sent = 0;
        for (Redeemed r : queue.parkedDue(clock.instant(), PARKED_PER_PASS_MAX)) {
            if (sendOne(r)) {
                queue.unpark(r.redemptionId());
                sent++;
            }
        }
        return sent;
    }

    /** One notice in a savepoint; false when it failed, and then it is parked (or its failures counted). */
    private boolean sendOne(Redeemed r) {
        try {
            savepoint.executeWithoutResult(status -> notifications.sendAll(List.of(notice(r))));
            return true;
        } catch (RuntimeException e) {
            noticesFailed.increment();
            int failures = queue.parkOrCount(r.redemptionId(), e.toString(), clock.instant(), RETRY_AFTER, RETRY_AFTER_MAX);
            log.warn("the notice of redemption {} failed ({} time(s)); parked, retried later: {}", r.redemptionId(),
                    failures, e.toString());
            return false;
        }
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
