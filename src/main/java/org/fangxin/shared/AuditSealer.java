package org.fangxin.shared;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * for entries committed while this instance stopped.
 */
@Component
class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final Object MARK = new Object();
    static final int BATCHES_PER_PASS_MAX = 100;

    private final AuditChain chain;
    private final boolean enabled;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-sealer");
        thread.setDaemon(true);
        return thread;
    });

    AuditSealer(AuditChain chain, @Value("${fangxin.audit.seal-after-commit:true}") boolean enabled) {
        this.chain = chain;
        this.enabled = enabled;
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
                    request();
                }
            }
        });
    }

    void request() {
        if (requested.compareAndSet(false, true)) {
            try {
                executor.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                requested.set(false);
            }
        }
    }

    private void pass() {
        requested.set(false);
        try {
            chain.sealAll(BATCHES_PER_PASS_MAX);
        } catch (RuntimeException e) {
            log.warn("sealing audit entries failed; the next commit or the seal job retries: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
