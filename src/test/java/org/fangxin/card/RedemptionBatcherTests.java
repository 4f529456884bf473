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
    @Autowired org.fangxin.shared.DeferredStatements deferred;
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
        secondInstance = new RedemptionBatcher(desk, idempotency, transactions, true, Duration.ofMillis(2), 32, 1, true, shards, deferred);
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

    @Test
    void aMixedBatchAnswersEachCommandAsIfAloneAndWritesOnlyTheAcceptedOnes() throws Exception {
        secondInstance = new RedemptionBatcher(desk, idempotency, transactions, true, Duration.ofMillis(2), 32, 1, true, shards, deferred);
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        TestMerchants.Created otherGym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 100, 2);
        UUID store = f.store(gym);
        UUID otherStore = f.store(otherGym);
        Actor staff = f.staff(gym.id()).actor();
        List<Actor> holders = new ArrayList<>();
        List<UUID> cardIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api holder = api().as(f.consumer());
            cardIds.add(f.buyAndPay(holder, pack));
            holders.add(accounts.find(cards.find(cardIds.get(i)).orElseThrow().holderUserId()).orElseThrow().actor());
        }
        UUID blocker = cardIds.get(0);
        UUID twice = cardIds.get(1);
        UUID keyed = cardIds.get(2);
        UUID wrongStore = cardIds.get(3);
        UUID earlier = cardIds.get(4);
        UUID sameCodeCard = cardIds.get(5);
        String usedCode = code(holders.get(4), earlier);
        assertThat(redeem(secondInstance, staff, "used", usedCode, store).join().status()).isEqualTo(201);
        String answeredKey = "answered-" + UUID.randomUUID();
        String answeredCode = code(holders.get(4), earlier);
        Idempotency.Answer answeredBefore = redeem(secondInstance, staff, answeredKey, answeredCode, store).join();
        long sharedBefore = secondInstance.activity().commandsInSharedBatches();

        String blockerCode = code(holders.get(0), blocker);
        List<String> twiceCodes = List.of(code(holders.get(1), twice), code(holders.get(1), twice), code(holders.get(1), twice));
        String keyedCode = code(holders.get(2), keyed);
        String wrongStoreCode = code(holders.get(3), wrongStore);
        String sameCode = code(holders.get(5), sameCodeCard);
        String sameKey = "same-" + UUID.randomUUID();
        String wrongStoreKey = "wrong-store-" + UUID.randomUUID();
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("select id from card.card where id = :id for update").param("id", blocker).query(UUID.class).single();
            locked.countDown();
            await(release);
        }), callers);
        await(locked);
        long answeredInBatchesBefore = secondInstance.activity().commandsAnsweredInBatches();
        CompletableFuture<Idempotency.Answer> held = redeem(secondInstance, staff, UUID.randomUUID().toString(), blockerCode, store);
        Thread.sleep(300); // the worker takes the held command and waits on the locked card row
        List<CompletableFuture<Idempotency.Answer>> onSameCode = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            onSameCode.add(redeem(secondInstance, staff, UUID.randomUUID().toString(), sameCode, store));
        }
        List<CompletableFuture<Idempotency.Answer>> onTwice = new ArrayList<>();
        for (String code : twiceCodes) {
            onTwice.add(redeem(secondInstance, staff, UUID.randomUUID().toString(), code, store));
        }
        CompletableFuture<Idempotency.Answer> keyedFirst = redeem(secondInstance, staff, sameKey, keyedCode, store);
        CompletableFuture<Idempotency.Answer> keyedAgain = redeem(secondInstance, staff, sameKey, keyedCode, store);
        CompletableFuture<Idempotency.Answer> atWrongStore = redeem(secondInstance, staff, wrongStoreKey, wrongStoreCode, otherStore);
        CompletableFuture<Idempotency.Answer> withUsedCode = redeem(secondInstance, staff, UUID.randomUUID().toString(), usedCode, store);
        CompletableFuture<Idempotency.Answer> replayed = redeem(secondInstance, staff, answeredKey, answeredCode, store);
        Thread.sleep(300); // all of them are queued behind the held one
        release.countDown();
        lock.get(10, TimeUnit.SECONDS);
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);

        List<Object> twiceOutcomes = new ArrayList<>();
        for (CompletableFuture<Idempotency.Answer> answer : onTwice) {
            twiceOutcomes.add(outcome(answer));
        }
        assertThat(twiceOutcomes).as("a card of two sessions redeemed three times in one batch")
                .containsExactlyInAnyOrder(201, 201, "card-entitlement-insufficient");
        List<Object> sameCodeOutcomes = new ArrayList<>();
        for (CompletableFuture<Idempotency.Answer> answer : onSameCode) {
            sameCodeOutcomes.add(outcome(answer));
        }
        assertThat(sameCodeOutcomes).as("one code shown three times in one batch is used once")
                .containsExactlyInAnyOrder(201, "not-found", "not-found");
        assertThat(cards.find(sameCodeCard).orElseThrow().sessionsRemaining()).isEqualTo(1);
        assertThat(secondInstance.activity().commandsAnsweredInBatches() - answeredInBatchesBefore)
                .as("the batch was answered set-based, not failed and run again alone").isGreaterThanOrEqualTo(10);
        Idempotency.Answer first = keyedFirst.get(10, TimeUnit.SECONDS);
        Idempotency.Answer again = keyedAgain.get(10, TimeUnit.SECONDS);
        assertThat(List.of(first.status(), again.status())).containsExactly(201, 201);
        assertThat(List.of(first.replayed(), again.replayed())).as("one of the two is the stored answer").containsExactlyInAnyOrder(true, false);
        assertThat(redemptionId(first)).isEqualTo(redemptionId(again));
        assertThat(outcome(atWrongStore)).isEqualTo("not-found");
        assertThat(outcome(withUsedCode)).isEqualTo("not-found");
        Idempotency.Answer replay = replayed.get(10, TimeUnit.SECONDS);
        assertThat(replay.replayed()).isTrue();
        assertThat(redemptionId(replay)).isEqualTo(redemptionId(answeredBefore));
        assertThat(secondInstance.activity().commandsInSharedBatches() - sharedBefore).isGreaterThanOrEqualTo(2);

        assertThat(cards.find(twice).orElseThrow().sessionsRemaining()).isZero();
        assertThat(jdbc.sql("select count(*) from audit.entry where action = 'card.redeemed' and object_id = :card")
                .param("card", twice.toString()).query(Long.class).single()).as("an audit entry per accepted redemption").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from card.redemption where card_id = :card").param("card", twice)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from card.redemption where card_id = :card").param("card", keyed)
                .query(Long.class).single()).as("one redemption for the duplicated key").isEqualTo(1);
        assertThat(cards.find(wrongStore).orElseThrow().sessionsRemaining()).as("the refused command wrote nothing").isEqualTo(2);
        // Its code was not used and its key not kept: the corrected retry with the same key redeems.
        assertThat(redeem(secondInstance, staff, wrongStoreKey, wrongStoreCode, store).join().status()).isEqualTo(201);
        assertThat(cards.find(wrongStore).orElseThrow().sessionsRemaining()).isEqualTo(1);
        f.assertBooksHold(gym.id());
    }

    private static Object redemptionId(Idempotency.Answer answer) {
        return answer.body() instanceof org.fangxin.card.RedemptionView view ? view.id().toString()
                : ((tools.jackson.databind.JsonNode) answer.body()).get("id").asString();
    }

    private CompletableFuture<Idempotency.Answer> redeem(RedemptionBatcher batcher, Actor staff, String key, String code, UUID store) {
        return CompletableFuture.supplyAsync(() -> batcher.redeem(staff, key, new Redeem(code, store, 1, null)), callers);
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
