package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.fangxin.card.lifecycle.RedemptionBatcher;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The adaptive group commit (issue 15, session 12, {@code alone-up-to}): a batcher that lets one redeem of the shard
 * run alone. The redeem in flight is held on a card row the test locks, so which path the next one takes is decided
 * by what is in flight, never by timing.
 */
@Tag("journey")
class RedemptionBatcherAdaptiveTests extends CardTest {

    @Autowired RedemptionDesk desk;
    @Autowired Idempotency idempotency;
    @Autowired DeferredStatements deferred;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Cards cards;
    @Autowired Shards shards;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private RedemptionBatcher batcher;
    private TestMerchants.Created gym;
    private UUID store;
    private Actor staff;

    @BeforeEach
    void oneRedeemMayRunAlone() {
        batcher = new RedemptionBatcher(desk, idempotency, transactions, true, Duration.ofMillis(2), 32, 1, true, 1,
                shards, deferred);
        gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        store = f.store(gym);
        staff = f.staff(gym.id()).actor();
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        batcher.stop();
    }

    @Test
    void aRedeemOnAQuietShardRunsAloneAndOneBesideARedeemInFlightJoinsABatch() throws Exception {
        ProductView pack = f.sessionPack(gym, 100, 3);
        List<Holder> holders = holders(pack, 2);
        long batchesBefore = batcher.activity().batches();

        assertThat(redeem(holders.get(0)).get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(batcher.activity().redeemsAloneOnArrival()).as("nothing else in flight: alone").isEqualTo(1);
        assertThat(batcher.activity().batches()).isEqualTo(batchesBefore);

        String heldCode = code(holders.get(0));
        String besideCode = code(holders.get(1));
        String laterCode = code(holders.get(1));
        CardLock lock = lock(holders.get(0).card());
        CompletableFuture<Idempotency.Answer> held = redeem(heldCode);
        awaitActivity(a -> a.inFlight() == 1 && a.redeemsAloneOnArrival() == 2); // the held one runs alone too
        Idempotency.Answer beside = redeem(besideCode).get(10, TimeUnit.SECONDS);
        assertThat(beside.status()).isEqualTo(201);
        assertThat(batcher.activity().batches() - batchesBefore).as("the second in flight went to a batch").isEqualTo(1);
        assertThat(held).as("still waiting on the locked card").isNotDone();

        lock.unlock();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        awaitActivity(a -> a.inFlight() == 0);
        assertThat(redeem(laterCode).get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(batcher.activity().redeemsAloneOnArrival()).as("the shard is quiet again").isEqualTo(3);
        assertThat(batcher.activity().batches() - batchesBefore).isEqualTo(1);
        assertThat(cards.find(holders.get(0).card()).orElseThrow().sessionsRemaining()).isEqualTo(1);
        assertThat(cards.find(holders.get(1).card()).orElseThrow().sessionsRemaining()).isEqualTo(1);
        f.assertBooksHold(gym.id());
    }

    @Test
    void ofTwoRedemptionsOfTheLastSessionOneAloneAndOneBatchedExactlyOneWins() throws Exception {
        ProductView pack = f.sessionPack(gym, 100, 2);
        Holder holder = holders(pack, 1).get(0);
        assertThat(redeem(holder).get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        long batchesBefore = batcher.activity().batches();
        String aloneCode = code(holder);
        String batchedCode = code(holder);

        CardLock lock = lock(holder.card());
        CompletableFuture<Idempotency.Answer> alone = redeem(aloneCode);
        awaitActivity(a -> a.inFlight() == 1);
        CompletableFuture<Idempotency.Answer> batched = redeem(batchedCode);
        awaitActivity(a -> a.inFlight() == 2);
        lock.unlock();

        assertThat(List.of(outcome(alone), outcome(batched))).as("one winner of the last session")
                .containsExactlyInAnyOrder(201, "card-entitlement-insufficient");
        assertThat(batcher.activity().batches() - batchesBefore).as("the second in flight was batched").isEqualTo(1);
        assertThat(cards.find(holder.card()).orElseThrow().sessionsRemaining()).isZero();
        assertThat(jdbc.sql("select count(*) from card.redemption where card_id = :card").param("card", holder.card())
                .query(Long.class).single()).isEqualTo(2);
        f.assertBooksHold(gym.id());
    }

    private record Holder(Actor actor, UUID card) { }

    private List<Holder> holders(ProductView pack, int count) {
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID card = f.buyAndPay(api().as(f.consumer()), pack);
            holders.add(new Holder(accounts.find(cards.find(card).orElseThrow().holderUserId()).orElseThrow().actor(), card));
        }
        return holders;
    }

    private String code(Holder holder) {
        return desk.issueCode(holder.actor(), holder.card()).code();
    }

    private CompletableFuture<Idempotency.Answer> redeem(Holder holder) {
        return redeem(code(holder));
    }

    private CompletableFuture<Idempotency.Answer> redeem(String code) {
        return CompletableFuture.supplyAsync(() -> batcher.redeem(staff, UUID.randomUUID().toString(),
                new Redeem(code, store, 1, null)), callers);
    }

    /** Another transaction holding a card's row lock until released. */
    private record CardLock(CountDownLatch release, CompletableFuture<Void> holder) {
        void unlock() throws Exception {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }

    private CardLock lock(UUID card) {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("select id from card.card where id = :id for update").param("id", card).query(UUID.class).single();
            locked.countDown();
            await(release);
        }), callers);
        await(locked);
        return new CardLock(release, holder);
    }

    /** Waits for the batcher's counters to reach a state (a redeem entered or left); no timing is asserted. */
    private void awaitActivity(Predicate<RedemptionBatcher.Activity> state) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!state.test(batcher.activity())) {
            assertThat(System.nanoTime()).as("the batcher reached the state").isLessThan(giveUp);
            Thread.yield();
        }
    }

    private static Object outcome(CompletableFuture<Idempotency.Answer> answer) throws Exception {
        try {
            return answer.get(10, TimeUnit.SECONDS).status();
        } catch (ExecutionException e) {
            return e.getCause() instanceof Rejection rejection ? rejection.type().slug() : e.getCause().toString();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
