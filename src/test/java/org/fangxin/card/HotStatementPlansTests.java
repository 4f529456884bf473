package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fangxin.card.lifecycle.RedemptionBatcher;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.lifecycle.RedemptionNotices;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.Sector;
import org.fangxin.notification.NoticeDelivery;
import org.fangxin.notification.RecordingChannel;
import org.fangxin.shared.AuditChain;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Shards;
import org.fangxin.testing.Api;
import org.fangxin.testing.GenericPlans;
import org.fangxin.testing.SentStatements;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plan-shape guard over the redemption's and the purchase's hot paths (issue 15, session 14): the statements the
 * application really sends — a purchase's order and signed callback, a redemption alone, a group commit batch, a
 * replayed key, the redemption notices, a channel's delivery pass, the audit sealer — must plan as index probes in
 * their generic plans, on empty tables (as a pooled connection may cache them on a new database) and on full ones.
 * See {@link GenericPlans}; the last two tests show it refuses the forms that bit in sessions 12 and 13.
 */
class HotStatementPlansTests extends CardTest {

    @Autowired DataSource dataSource;
    @Autowired RedemptionDesk desk;
    @Autowired Idempotency idempotency;
    @Autowired DeferredStatements deferred;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Shards shards;
    @Autowired Cards cards;
    @Autowired RedemptionNotices redemptionNotices;
    @Autowired NoticeDelivery noticeDelivery;
    @Autowired AuditChain audit;

    private RedemptionBatcher secondInstance;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopSecondInstance() {
        callers.shutdownNow();
        if (secondInstance != null) {
            secondInstance.stop();
        }
    }

    @Test
    void theHotPathsStatementsProbeIndexesInTheirGenericPlansOnEmptyAndOnFullTables() throws Exception {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 100, 10);
        UUID store = f.store(gym);
        var staffAccount = f.staff(gym.id());
        Actor staff = staffAccount.actor();
        secondInstance = new RedemptionBatcher(desk, idempotency, transactions, true, Duration.ofMillis(2), 32, 1, true,
                shards, deferred);

        List<GenericPlans.Sql> sent;
        try (SentStatements recording = SentStatements.record(dataSource)) {
            List<UUID> cardIds = new ArrayList<>();
            List<Api> holders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Api holder = api().as(f.consumer());
                holders.add(holder);
                cardIds.add(f.buyAndPay(holder, pack)); // the order, then the provider's signed callback
            }
            Api counter = api().as(staffAccount);
            Map<String, Object> body = Map.of("code", CardFixtures.code(holders.get(0), cardIds.get(0)), "storeId", store,
                    "sessions", 1);
            String key = UUID.randomUUID().toString();
            for (int i = 0; i < 2; i++) { // alone, then its replay
                Api.Response redeemed = counter.post("/api/v1/redemptions", body, key);
                assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
            }
            Api.Response again = counter.post("/api/v1/redemptions", Map.of("code", CardFixtures.code(holders.get(0),
                    cardIds.get(0)), "storeId", store, "sessions", 1), UUID.randomUUID().toString());
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            runOneBatch(staff, holders, cardIds, store);
            redemptionNotices.sendPending();
            noticeDelivery.deliverPending(new RecordingChannel());
            audit.sealAll(10);
            sent = recording.statements();
        }

        assertThat(sent).as("the recording saw the hot paths' statements")
                .anySatisfy(s -> assertThat(s.sql()).contains("idempotency.request"))
                .anySatisfy(s -> assertThat(s.sql()).contains("card.redemption_code"))
                .anySatisfy(s -> assertThat(s.sql()).contains("ledger."))
                .anySatisfy(s -> assertThat(s.sql()).contains("notification.message"))
                .anySatisfy(s -> assertThat(s.sql()).contains("audit.seal"))
                .anySatisfy(s -> assertThat(s.sql()).contains("payment."));
        new GenericPlans(dataSource, GenericPlans.ALLOWED).assertIndexProbesOnly(sent);
    }

    /** Session 13's look-up of the keys a group commit holds: planned as a sequential scan on an empty table. */
    @Test
    void theGuardRefusesSession13sIdempotencyLookUp() {
        GenericPlans.Report report = new GenericPlans(dataSource, GenericPlans.ALLOWED).check(List.of(new GenericPlans.Sql("""
                select scope, key, request_sha256, request_body::text, status, response_body::text, resource_id
                  from idempotency.request where scope = any(cast($1 as text[])) and key = any(cast($2 as text[]))
                """, List.of(0, 0))));
        assertThat(report.unplanned()).isEmpty();
        assertThat(report.violations()).extracting(v -> v.phase() + " " + v.scan() + " " + v.relation())
                .contains("empty Seq Scan idempotency.request");
    }

    /** Session 12's batch code lock: the live conditions in its WHERE let the plan scan the partial index of live codes. */
    @Test
    void theGuardRefusesSession12sBatchCodeLock() {
        GenericPlans.Report report = new GenericPlans(dataSource, GenericPlans.ALLOWED).check(List.of(new GenericPlans.Sql("""
                with shown as (
                select * from unnest(cast($1 as int[]), cast($2 as char(6)[]), cast($3 as uuid[]),
                                     cast($4 as uuid[])) as s(ord, short_code, code_id, merchant_id)),
                picked as materialized (
                    select s.ord, s.merchant_id,
                           coalesce((select k2.id from card.redemption_code k2
                                      where k2.short_code = s.short_code and k2.used_at is null and k2.expires_at > $5
                                        and (select c2.merchant_id from card.card c2 where c2.id = k2.card_id) = s.merchant_id
                                      order by k2.issued_at desc limit 1),
                                    (select k2.id from card.redemption_code k2
                                      where k2.id = s.code_id and k2.used_at is null and k2.expires_at > $6
                                        and (select c2.merchant_id from card.card c2 where c2.id = k2.card_id) = s.merchant_id)) as code_id
                      from shown s)
                select p.ord, k.id as found_code_id, c.*
                  from picked p join card.redemption_code k on k.id = p.code_id
                  join card.card c on c.id = k.card_id
                 where c.merchant_id = p.merchant_id and k.used_at is null and k.expires_at > $7
                 order by c.id, k.id
                   for update of k, c
                """, List.of(0, 0, 0, 0, 1184, 1184, 1184))));
        assertThat(report.unplanned()).isEmpty();
        assertThat(report.violations()).as("the partial index of live codes walked by expiry alone")
                .extracting(v -> v.phase() + " " + v.index())
                .contains("empty card.redemption_code_lookup", "full card.redemption_code_lookup");
    }

    /** A batch of three on a second instance, queued behind a command held on a card row this test locks. */
    private void runOneBatch(Actor staff, List<Api> holders, List<UUID> cardIds, UUID store) throws Exception {
        List<String> codes = List.of(CardFixtures.code(holders.get(0), cardIds.get(0)),
                CardFixtures.code(holders.get(1), cardIds.get(1)), CardFixtures.code(holders.get(2), cardIds.get(2)));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    jdbc.sql("select id from card.card where id = :id for update").param("id", cardIds.get(0))
                            .query(UUID.class).single();
                    locked.countDown();
                    await(release);
                }), callers);
        await(locked);
        List<CompletableFuture<Idempotency.Answer>> answers = new ArrayList<>();
        answers.add(redeem(staff, codes.get(0), store));
        Thread.sleep(300); // the worker takes the held command and waits on the locked card row
        answers.add(redeem(staff, codes.get(1), store));
        answers.add(redeem(staff, codes.get(2), store));
        Thread.sleep(300); // both are queued behind the held one
        release.countDown();
        lock.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Idempotency.Answer> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        }
        assertThat(secondInstance.activity().commandsInSharedBatches()).as("a shared batch ran").isGreaterThanOrEqualTo(2);
    }

    private CompletableFuture<Idempotency.Answer> redeem(Actor staff, String code, UUID store) {
        return CompletableFuture.supplyAsync(() -> secondInstance.redeem(staff, UUID.randomUUID().toString(),
                new Redeem(code, store, 1, null)), callers);
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
