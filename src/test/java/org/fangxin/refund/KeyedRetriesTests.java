package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/**
 * Retries of one keyed command sent at once, on each kind of command (a purchase and a redemption, sent together; a
 * refund request, a merchant's contest and an operator's decision, not): the command runs once, every other retry
 * replays its answer, and the key's row is written once (ADR 5, issue 15 session 14).
 */
class KeyedRetriesTests extends RefundTestBase {

    private static final int RETRIES = 4;

    @Test
    void concurrentRetriesOfEachKindOfCommandRunItOnceAndReplayItsAnswer() throws Exception {
        TestMerchants.Created gym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(600), 6, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount holder = users.create(Role.CONSUMER);
        Api holderApi = api().as(holder);

        String purchaseKey = key();
        Map<String, Object> order = Map.of("productId", pack.id(), "storeId", pack.storeIds().get(0),
                "contractVersionId", pack.currentVersionId(), "acceptContract", true);
        List<Api.Response> purchases = race(() -> holderApi.post("/api/v1/purchases", order, purchaseKey));
        assertRanOnceAndReplayed(purchases, 201, purchaseKey);
        assertThat(count("select count(*) from card.purchase where consumer_id = :id", holder.id())).isEqualTo(1);

        CardView card = fx.buy(holder, pack);
        String code = holderApi.post("/api/v1/cards/" + card.id() + "/redemption-codes", null).json().get("code").asString();
        Api staff = api().as(fx.staffOf(card.merchantId()));
        String redeemKey = key();
        Map<String, Object> redeem = Map.of("code", code, "storeId", card.storeId(), "sessions", 1);
        List<Api.Response> redemptions = race(() -> staff.post("/api/v1/redemptions", redeem, redeemKey));
        assertRanOnceAndReplayed(redemptions, 201, redeemKey);
        assertThat(count("select count(*) from card.redemption where card_id = :id", card.id())).isEqualTo(1);

        String refundKey = key();
        Map<String, Object> refund = Map.of("cardId", card.id(), "reason", "CONSUMER_CHOICE");
        List<Api.Response> requests = race(() -> holderApi.post("/api/v1/refunds", refund, refundKey));
        assertRanOnceAndReplayed(requests, 201, refundKey);
        assertThat(count("select count(*) from refund.refund_request where card_id = :id", card.id())).isEqualTo(1);
        String refundId = requests.get(0).json().get("id").asString();

        // a second run of a contest or a decision would be refused (the refund is no longer in the state it acts on)
        String contestKey = key();
        List<Api.Response> contests = race(() -> staff.post("/api/v1/refunds/" + refundId + "/contest",
                Map.of("reason", "used 2 sessions, not 1"), contestKey));
        assertRanOnceAndReplayed(contests, 200, contestKey);

        Api operator = api().as(users.create(Role.OPERATOR));
        String decisionKey = key();
        List<Api.Response> decisions = race(() -> operator.post("/api/v1/refunds/" + refundId + "/decision",
                Map.of("uphold", false, "reason", "the merchant's count holds"), decisionKey));
        assertRanOnceAndReplayed(decisions, 200, decisionKey);
        assertThat(decisions.get(0).json().get("status").asString()).isEqualTo("REJECTED");
        fx.assertBooksHold(gym.id());
    }

    @Test
    void aRefusedCommandLeavesNoKeySoTheCorrectedRetryRunsAndAnotherRequestWithTheKeyIsRefused() {
        TestMerchants.Created gym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(600), 6, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, pack);
        CardView other = fx.buy(holder, pack);
        Api holderApi = api().as(holder);
        String key = key();

        // refused by the domain after the key was held: the command's work and the key roll back together
        Api.Response refused = holderApi.post("/api/v1/refunds", Map.of("cardId", UUID.randomUUID(), "reason", "CONSUMER_CHOICE"), key);
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(keyRows(key)).isZero();

        Api.Response corrected = holderApi.post("/api/v1/refunds", Map.of("cardId", card.id(), "reason", "CONSUMER_CHOICE"), key);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(keyRows(key)).isEqualTo(1);

        Api.Response reused = holderApi.post("/api/v1/refunds", Map.of("cardId", other.id(), "reason", "CONSUMER_CHOICE"), key);
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
        assertThat(count("select count(*) from refund.refund_request where card_id = :id", other.id())).isZero();
    }

    /** {@code call} sent {@value #RETRIES} times at once; the answers in the order of the calls. */
    private static List<Api.Response> race(Callable<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RETRIES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < RETRIES; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every retry answered {@code status} with the same body; one ran the command, the others replayed it. */
    private void assertRanOnceAndReplayed(List<Api.Response> answers, int status, String key) {
        Map<String, Integer> replayed = new HashMap<>();
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(status);
            assertThat(answer.json()).isEqualTo(answers.get(0).json());
            replayed.merge(answer.header("Idempotent-Replayed"), 1, Integer::sum);
        }
        assertThat(replayed).isEqualTo(Map.of("false", 1, "true", RETRIES - 1));
        assertThat(keyRows(key)).isEqualTo(1);
    }

    private long keyRows(String key) {
        return jdbc.sql("select count(*) from idempotency.request where key = :key").param("key", key)
                .query(Long.class).single();
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private static String key() {
        return "retry-" + UUID.randomUUID();
    }
}
