package org.fangxin.card.lifecycle;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a group-committed redeem's time goes (issue 15, session 12): which path it took (alone in its request thread
 * or in a batch), how many redeems of its shard were in flight when it arrived, and for a batched one its phases —
 * queue (waiting for a worker, i.e. for the batch ahead's statements), window (lingering for company), the batch's
 * statements, its commit, and the wake-up of the request thread. Prometheus gives count, sum and max per phase; a
 * redeem slower than {@code slow} is logged with its phases at DEBUG (logger {@code …RedemptionBatchTimes}).
 */
class RedemptionBatchTimes {

    private static final Logger log = LoggerFactory.getLogger(RedemptionBatchTimes.class);
    static final int TAKEN = 0;
    static final int COLLECTED = 1;
    static final int STATEMENTS_DONE = 2;
    static final int COMMITTED = 3;
    static final int BATCH_SIZE = 4;
    /** A batched job's marks: the four instants above and its batch's size. */
    static final int MARKS = 5;

    private final long slowNanos;
    private final DistributionSummary inFlight = DistributionSummary.builder("fangxin.card.group-commit.in-flight")
            .description("redeems of the shard in flight when one arrives, itself included")
            .serviceLevelObjectives(1, 2, 3, 4, 6, 8, 12, 16, 24, 32).register(Metrics.globalRegistry);
    private final Timer alone = redeem("alone");
    private final Timer batched = redeem("batch");
    private final Timer queue = phase("queue");
    private final Timer window = phase("window");
    private final Timer statements = phase("statements");
    private final Timer commit = phase("commit");
    private final Timer wake = phase("wake");
    private final Timer aloneBegin = phase("alone-begin");
    private final Timer aloneStatements = phase("alone-statements");
    private final Timer aloneCommit = phase("alone-commit");

    RedemptionBatchTimes(Duration slow) {
        this.slowNanos = slow.toNanos();
    }

    private static Timer redeem(String path) {
        return Timer.builder("fangxin.card.group-commit.redeem").tag("path", path)
                .description("a redeem's time in the batcher, by the path it took").register(Metrics.globalRegistry);
    }

    private static Timer phase(String phase) {
        return Timer.builder("fangxin.card.group-commit.phase").tag("phase", phase)
                .description("a batched redeem's time by phase").register(Metrics.globalRegistry);
    }

    void arrived(int redeemsInFlight) {
        inFlight.record(redeemsInFlight);
    }

    /**
     * Marks, from inside a redeem run alone, when its command began (its connection taken, its key held and looked up)
     * and when its statements were done and its commit returned (issue 15, session 13: what the paced tail is doing).
     */
    static void markAlone(long[] marks) {
        marks[COLLECTED] = System.nanoTime();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                marks[STATEMENTS_DONE] = System.nanoTime();
            }

            @Override
            public void afterCommit() {
                marks[COMMITTED] = System.nanoTime();
            }
        });
    }

    void alone(long arrivedAt, long[] marks, long answeredAt, int redeemsInFlight) {
        long total = answeredAt - arrivedAt;
        alone.record(total, TimeUnit.NANOSECONDS);
        if (marks[COMMITTED] == 0) {
            return; // refused: no commit to tell
        }
        long begin = marks[COLLECTED] - arrivedAt;
        long running = marks[STATEMENTS_DONE] - marks[COLLECTED];
        long committing = marks[COMMITTED] - marks[STATEMENTS_DONE];
        aloneBegin.record(begin, TimeUnit.NANOSECONDS);
        aloneStatements.record(running, TimeUnit.NANOSECONDS);
        aloneCommit.record(committing, TimeUnit.NANOSECONDS);
        if (total >= slowNanos && log.isDebugEnabled()) {
            log.debug("slow redeem alone: {} ms = begin {} + statements {} + commit {} + after {}; {} in flight on arrival",
                    ms(total), ms(begin), ms(running), ms(committing), ms(answeredAt - marks[COMMITTED]), redeemsInFlight);
        }
    }

    /** A batched redeem's phases from its marks (set by its worker before the answer, read after it). */
    void batched(long arrivedAt, long[] marks, long answeredAt, int redeemsInFlight) {
        long total = answeredAt - arrivedAt;
        batched.record(total, TimeUnit.NANOSECONDS);
        if (marks[COMMITTED] == 0) {
            return; // its batch failed or it was left for its request thread: no phases to tell
        }
        long inQueue = Math.max(0, marks[TAKEN] - arrivedAt);
        long lingering = Math.max(0, marks[COLLECTED] - Math.max(marks[TAKEN], arrivedAt));
        long running = marks[STATEMENTS_DONE] - marks[COLLECTED];
        long committing = marks[COMMITTED] - marks[STATEMENTS_DONE];
        long waking = answeredAt - marks[COMMITTED];
        queue.record(inQueue, TimeUnit.NANOSECONDS);
        window.record(lingering, TimeUnit.NANOSECONDS);
        statements.record(running, TimeUnit.NANOSECONDS);
        commit.record(committing, TimeUnit.NANOSECONDS);
        wake.record(waking, TimeUnit.NANOSECONDS);
        if (total >= slowNanos && log.isDebugEnabled()) {
            log.debug("slow redeem in a batch of {}: {} ms = queue {} + window {} + statements {} + commit {} + wake {}; {} in flight on arrival",
                    marks[BATCH_SIZE], ms(total), ms(inQueue), ms(lingering), ms(running), ms(committing), ms(waking), redeemsInFlight);
        }
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
