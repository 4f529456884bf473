package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fangxin.card.lifecycle.RedemptionBatcher;
import org.fangxin.catalog.ProductView;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random concurrent redemptions, retries with the same Idempotency-Key, refund requests and purchases (the order, then
 * the provider's PAID notification delivered twice at once) over HTTP, released at once from eight threads so that the
 * redemptions meet in the group commit's batches (on in the test profile): three cards of three sessions each at one
 * merchant, more codes than sessions. Afterwards each card gave at most its sessions, every accepted redemption (and
 * only those) is in the card's books at exactly one session's value, a retry answered the same redemption, every paid
 * purchase issued exactly one card, and the ledger's invariants (balances = Σ entries) and the merchant's escrow
 * identity hold.
 * QuickTheories from a fixed seed ({@code -Dcard.batch.seed=<n>} picks another).
 */
@Tag("journey")
class RedemptionBatchProperties extends CardTest {

    private static final long SEED = Long.getLong("card.batch.seed", 20_261_207L);
    private static final int CARDS = 3;
    private static final int SESSIONS = 3;
    private static final long PRICE_YUAN = 90;

    @Autowired Cards cards;
    @Autowired RedemptionBatcher batcher;

    enum Kind { REDEEM, REDEEM_TWICE, REFUND, PURCHASE }

    record Op(Kind kind, int card) { }

    static Gen<Op> operations() {
        return integers().between(0, 9).zip(integers().between(0, CARDS - 1),
                (roll, card) -> new Op(roll < 5 ? Kind.REDEEM : roll < 7 ? Kind.REDEEM_TWICE : roll < 8 ? Kind.REFUND : Kind.PURCHASE, card));
    }

    @Test
    void concurrentBatchedRedemptionsKeepTheBooksExact() {
        long sharedBefore = batcher.activity().commandsInSharedBatches();
        qt().withExamples(4).withFixedSeed(SEED).forAll(lists().of(operations()).ofSizeBetween(6, 14)).checkAssert(this::runConcurrently);
        assertThat(batcher.activity().enabled()).isTrue();
        assertThat(batcher.activity().commandsInSharedBatches()).as("redemptions that shared a batch").isGreaterThan(sharedBefore);
    }

    /** What one thread's call answered. */
    record Outcome(Op op, int card, int status, String redemptionId, int retryStatus, String retryRedemptionId) { }

    private void runConcurrently(List<Op> ops) {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, PRICE_YUAN, SESSIONS);
        UUID store = f.store(gym);
        Api staff = api().as(f.staff(gym.id()));
        List<Api> holders = new ArrayList<>();
        List<UUID> cardIds = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            holders.add(api().as(f.consumer()));
            cardIds.add(f.buyAndPay(holders.get(i), pack));
        }
        List<String> codes = new ArrayList<>();
        for (Op op : ops) {
            codes.add(op.kind() == Kind.REFUND || op.kind() == Kind.PURCHASE ? null : code(holders.get(op.card()), cardIds.get(op.card())));
        }
        List<Outcome> outcomes = releaseAtOnce(ops, codes, staff, store, holders, cardIds, pack);

        Map<Integer, Integer> accepted = new HashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.op().kind() == Kind.REFUND) {
                assertThat(outcome.status()).as(outcome.toString()).isLessThan(500);
                continue;
            }
            if (outcome.op().kind() == Kind.PURCHASE) {
                assertOneCard(outcome);
                continue;
            }
            assertThat(outcome.status()).as(outcome.toString()).isIn(201, 404, 409);
            if (outcome.status() == 201) {
                accepted.merge(outcome.card(), 1, Integer::sum);
            }
            if (outcome.op().kind() == Kind.REDEEM_TWICE) {
                assertThat(outcome.retryStatus()).as("retry of " + outcome).isEqualTo(outcome.status());
                assertThat(outcome.retryRedemptionId()).as("retry of " + outcome).isEqualTo(outcome.redemptionId());
            }
        }
        for (int i = 0; i < CARDS; i++) {
            UUID cardId = cardIds.get(i);
            int redeemed = accepted.getOrDefault(i, 0);
            CardView card = cards.find(cardId).orElseThrow();
            assertThat(redeemed).as("sessions given by card " + i).isLessThanOrEqualTo(SESSIONS);
            assertThat(card.earned()).as("earned by card " + i + " " + outcomes).isEqualTo(Money.yuan(PRICE_YUAN / SESSIONS * redeemed));
            long rows = jdbc.sql("select count(*) from card.redemption where card_id = :id and status = 'REDEEMED'")
                    .param("id", cardId).query(Long.class).single();
            assertThat(rows).as("redemption rows of card " + i).isEqualTo(redeemed);
            if (card.status() == CardStatus.ACTIVE) {
                assertThat(card.sessionsRemaining()).isEqualTo(SESSIONS - redeemed);
            }
        }
        f.assertBooksHold(gym.id());
    }

    /** A purchase paid with both notifications answered 200 issued exactly one card, active, for the whole price. */
    private void assertOneCard(Outcome outcome) {
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(201);
        assertThat(outcome.retryStatus()).as("second notification of " + outcome).isEqualTo(200);
        UUID purchaseId = UUID.fromString(outcome.redemptionId());
        UUID cardId = f.awaitCard(purchaseId);
        assertThat(f.cardsOf(purchaseId)).as("cards of purchase " + purchaseId).isEqualTo(1);
        assertThat(cards.find(cardId).orElseThrow().paid()).isEqualTo(Money.yuan(PRICE_YUAN));
    }

    private List<Outcome> releaseAtOnce(List<Op> ops, List<String> codes, Api staff, UUID store, List<Api> holders,
                                        List<UUID> cardIds, ProductView pack) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                String code = codes.get(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    UUID cardId = cardIds.get(op.card());
                    if (op.kind() == Kind.PURCHASE) {
                        return buyAndNotifyTwice(op, holders.get(op.card()), pack);
                    }
                    if (op.kind() == Kind.REFUND) {
                        Api.Response refund = holders.get(op.card()).post("/api/v1/refunds",
                                Map.of("cardId", cardId, "reason", "CONSUMER_CHOICE"), UUID.randomUUID().toString());
                        return new Outcome(op, op.card(), refund.status(), null, 0, null);
                    }
                    String key = UUID.randomUUID().toString();
                    Map<String, Object> body = Map.of("code", code, "storeId", store, "sessions", 1);
                    Api.Response first = staff.post("/api/v1/redemptions", body, key);
                    Api.Response retry = op.kind() == Kind.REDEEM_TWICE ? staff.post("/api/v1/redemptions", body, key) : null;
                    return new Outcome(op, op.card(), first.status(), idOf(first), retry == null ? 0 : retry.status(), idOf(retry));
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The order, then the sandbox's PAID notification and a second signed copy of it at the same time. */
    private Outcome buyAndNotifyTwice(Op op, Api holder, ProductView pack) {
        Api.Response order = holder.post("/api/v1/purchases", CardFixtures.buyBody(pack), UUID.randomUUID().toString());
        if (order.status() != 201) {
            return new Outcome(op, op.card(), order.status(), null, 0, null);
        }
        String providerOrderId = f.providerOrderId(UUID.fromString(order.json().get("paymentOrderId").asString()));
        sandbox.pay(providerOrderId);
        Api.Response again = api().postRaw("/api/v1/public/payments/callbacks/sandbox", sandbox.signedNotification(providerOrderId));
        return new Outcome(op, op.card(), order.status(), order.json().get("id").asString(), again.status(), null);
    }

    private static String idOf(Api.Response response) {
        return response == null || response.status() != 201 ? null : response.json().get("id").asString();
    }

    private static String code(Api holder, UUID cardId) {
        Api.Response response = holder.post("/api/v1/cards/" + cardId + "/redemption-codes", null);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("code").asString();
    }
}
