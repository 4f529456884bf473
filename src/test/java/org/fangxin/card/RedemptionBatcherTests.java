package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fangxin.card.lifecycle.RedemptionBatcher;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group commit's batches, made deterministic: a second batcher with one worker stands for a second instance of the
 * service (its own queue, workers and transactions; only the database is shared). Its worker is held on a card row the
 * test locks, so the commands sent meanwhile queue up and run as one batch once the lock goes.
 */
@Tag("journey")
class RedemptionBatcherTests extends CardTest {

    @Autowired RedemptionDesk desk;
    @Autowired RedemptionBatcher firstInstance;
    @Autowired Idempotency idempotency;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Cards cards;
    @Autowired org.fangxin.shared.Shards shards;

    private RedemptionBatcher secondInstance;
    private final java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newCachedThreadPool();

    @AfterEach
    void stopSecondInstance() {
        callers.shutdownNow();
        if (secondInstance != null) {
            secondInstance.stop();
        }
    }

    @Test
    void aRefusedRedemptionDoesNotFailItsBatchAndTwoInstancesGiveTheLastSessionOnce() throws Exception {
        secondInstance = new RedemptionBatcher(desk, idempotency, events, transactions, true, Duration.ofMillis(2), 32, 1, shards);
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 100, 2);
        UUID store = f.store(gym);
        Actor staff = f.staff(gym.id()).actor();
        List<Actor> holders = new ArrayList<>();
        List<UUID> cardIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api holder = api().as(f.consumer());
            cardIds.add(f.buyAndPay(holder, pack));
            holders.add(accounts.find(cards.find(cardIds.get(i)).orElseThrow().holderUserId()).orElseThrow().actor());
        }
        UUID blocker = cardIds.get(0);
        UUID lastSession = cardIds.get(1);
        UUID other = cardIds.get(2);
        assertThat(redeem(secondInstance, staff, code(holders.get(1), lastSession), store).join().status()).isEqualTo(201);

        TransactionTemplate lockHolder = new TransactionTemplate(transactions);
        CompletableFuture<Idempotency.Answer> held;
        List<CompletableFuture<Idempotency.Answer>> batch = new ArrayList<>();
        CompletableFuture<Idempotency.Answer> onFirstInstance;
        long batchesBefore = secondInstance.activity().batches();
        String blockerCode = code(holders.get(0), blocker);
        List<String> codes = List.of(code(holders.get(1), lastSession), code(holders.get(1), lastSession), code(holders.get(2), other));
        String firstInstanceCode = code(holders.get(1), lastSession);
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> lockHolder.executeWithoutResult(status -> {
            jdbc.sql("select id from card.card where id = :id for update").param("id", blocker).query(UUID.class).single();
            locked.countDown();
            await(release);
        }), callers);
        await(locked);
        held = redeem(secondInstance, staff, blockerCode, store);
        Thread.sleep(300); // the worker takes the held command and waits on the locked card row
        for (String code : codes) {
            batch.add(redeem(secondInstance, staff, code, store));
        }
        onFirstInstance = redeem(firstInstance, staff, firstInstanceCode, store);
        Thread.sleep(300); // all three are queued behind the held one
        release.countDown();
        lock.get(10, TimeUnit.SECONDS);

        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        List<Object> lastSessionOutcomes = new ArrayList<>();
        for (CompletableFuture<Idempotency.Answer> answer : List.of(batch.get(0), batch.get(1), onFirstInstance)) {
            lastSessionOutcomes.add(outcome(answer));
        }
        assertThat(lastSessionOutcomes).as("one winner of the last session across both instances")
                .containsOnlyOnce(201).contains("card-entitlement-insufficient").hasSize(3);
        assertThat(outcome(batch.get(2))).as("the other card's redemption in the same batch").isEqualTo(201);
        assertThat(secondInstance.activity().batches() - batchesBefore).as("held command, then the queued ones").isLessThanOrEqualTo(3);
        assertThat(secondInstance.activity().commandsInSharedBatches()).isGreaterThanOrEqualTo(2);
        assertThat(cards.find(lastSession).orElseThrow().sessionsRemaining()).isZero();
        assertThat(cards.find(lastSession).orElseThrow().earned()).isEqualTo(Money.yuan(100));
        f.assertBooksHold(gym.id());
    }

    private static Object outcome(CompletableFuture<Idempotency.Answer> answer) throws Exception {
        try {
            return answer.get(10, TimeUnit.SECONDS).status();
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof Rejection rejection ? rejection.type().slug() : e.getCause().toString();
        }
    }

    private CompletableFuture<Idempotency.Answer> redeem(RedemptionBatcher batcher, Actor staff, String code, UUID store) {
        return CompletableFuture.supplyAsync(() -> batcher.redeem(staff, UUID.randomUUID().toString(), new Redeem(code, store, 1, null)),
                callers);
    }

    private String code(Actor holder, UUID cardId) {
        return desk.issueCode(holder, cardId).code();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
