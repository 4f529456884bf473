package org.fangxin.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.ModuleTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Base of the ledger's module tests: the ledger, SQL to look at its rows, transactions, and fresh posting keys. */
abstract class LedgerModuleTest extends ModuleTest {

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** A posting key of the event, unique per call. */
    static String key(String event) {
        return event + ":" + UUID.randomUUID();
    }

    /**
     * Runs {@code posting} on {@code racers} threads at once, each in its own transaction; each outcome is "posted" or
     * the slug of the refusal.
     */
    List<String> race(int racers, Runnable posting) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> running = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    transactions.executeWithoutResult(s -> posting.run());
                    return "posted";
                } catch (Rejection refused) {
                    return refused.type().slug();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> racer : running) {
            outcomes.add(racer.get());
        }
        return outcomes;
    }
}
