package org.fangxin.shared;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Seals new audit entries into the chain soon after their transaction commits, on one background thread that
 * coalesces requests (many commits, one sealing pass). The recurring job {@code audit-chain-seal} is the backstop
 * for entries committed while this instance stopped. Sharded (ADR 12 §8g): a pass seals the shard whose commit asked
 * for it, on that shard, and requests are coalesced per shard. A pass starts {@code fangxin.audit.seal-gather}
 * after the first request it serves, so a quiet stream of commits (a redeem every few milliseconds) is sealed a few
 * dozen entries per pass, not one: each pass is a commit and an fsync of its own, which competed with the redeems'
 * commits (about one pass per redeem at half load, session 13) and a batch seal costs less per entry the more it holds.
 */
@Component
class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final Object MARK = new Object();
    static final int BATCHES_PER_PASS_MAX = 100;

    private final AuditChain chain;
    private final boolean enabled;
    private final Shards shards;
    private final AtomicBoolean[] requested;
    private final long gatherMillis;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-sealer");
        thread.setDaemon(true);
        return thread;
    });

    AuditSealer(AuditChain chain, @Value("${fangxin.audit.seal-after-commit:true}") boolean enabled,
            @Value("${fangxin.audit.seal-gather:100ms}") Duration gather, Shards shards) {
        this.chain = chain;
        this.enabled = enabled;
        this.gatherMillis = Math.max(0, gather.toMillis());
        this.shards = shards;
        this.requested = new AtomicBoolean[shards.count()];
        java.util.Arrays.setAll(requested, shard -> new AtomicBoolean());
    }

    /** Called inside the transaction that wrote an entry: asks for a sealing pass once it commits. */
    void afterCommit() {
        if (!enabled || !TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(MARK)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(MARK, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(MARK);
                if (status == STATUS_COMMITTED) {
                    request(shards.current()); // the committing thread's shard: unrouted writes land on the directory, 0
                }
            }
        });
    }

    void request(int shard) {
        if (requested[shard].compareAndSet(false, true)) {
            try {
                executor.schedule(() -> pass(shard), gatherMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                requested[shard].set(false);
            }
        }
    }

    private void pass(int shard) {
        requested[shard].set(false);
        try {
            shards.on(shard, () -> chain.sealAll(BATCHES_PER_PASS_MAX));
        } catch (RuntimeException e) {
            log.warn("sealing audit entries failed; the next commit or the seal job retries: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
