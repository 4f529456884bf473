package org.fangxin.compensation.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the "compensation planned" notices after the plan committed, a chunk per transaction in plan order: the
 * batch's cursor ({@code compensation_notice_progress.planned_through}) moves in the transaction that sends the chunk,
 * so a notice goes out once (and the dedup key {@code compensation-planned:<lineId>} makes any resend a no-op). Started right after the
 * plan commits; the job {@code protection-compensation-notices} sends what a crash left unsent.
 */
@Component
class CompensationNoticeSender {

    private static final Logger log = LoggerFactory.getLogger(CompensationNoticeSender.class);
    static final int CHUNK = 1_000;

    private final CompensationRepository repository;
    private final CompensationNotices notices;
    private final Merchants merchants;
    private final TransactionTemplate transactions;
    /** One sender thread: plans are rare; the job covers a lost start. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "compensation-notices");
        thread.setDaemon(true);
        return thread;
    });

    CompensationNoticeSender(CompensationRepository repository, CompensationNotices notices, Merchants merchants,
                             TransactionTemplate transactions) {
        this.repository = repository;
        this.notices = notices;
        this.merchants = merchants;
        this.transactions = transactions;
    }

    /** Sends the pending notices once the current transaction commits (nothing if it rolls back). */
    void afterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                executor.execute(() -> {
                    try {
                        sendPending();
                    } catch (RuntimeException e) {
                        log.warn("compensation notices not all sent; the job retries", e);
                    }
                });
            }
        });
    }

    /** Sends every pending planned notice, a chunk per transaction; answers how many were sent. */
    int sendPending() {
        int sent = 0;
        Map<UUID, Batch> batches = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        while (true) {
            Integer done = transactions.execute(status -> {
                var cursor = repository.lockNoticeDue();
                if (cursor.isEmpty()) {
                    return 0;
                }
                Batch batch = batches.computeIfAbsent(cursor.get().batchId(), id -> repository.batch(id).orElseThrow());
                String name = names.computeIfAbsent(batch.merchantId(),
                        id -> merchants.find(id).map(MerchantView::legalName).orElse("?"));
                List<Line> lines = repository.linesAfter(batch.id(), cursor.get().through(), CHUNK);
                if (lines.isEmpty()) {
                    return 0; // another sender moved the cursor while this one waited for it
                }
                notices.sendPlanned(lines.stream()
                        .map(line -> notices.planned(line, name, batch.money(line.unredeemedMinor()), batch.chooseBy()))
                        .toList());
                repository.markNoticedThrough(batch.id(), lines.get(lines.size() - 1).seq());
                return lines.size();
            });
            if (done == null || done == 0) {
                return sent;
            }
            sent += done;
        }
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
