package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.lifecycle.PaymentJanitor;
import org.fangxin.payment.sandbox.SandboxGateway.CreateFault;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A purchase commits its order and idempotency key before the payment provider is called, and calls the provider
 * outside any transaction (issue 15: held transactions starved the pool). The failure cases of that split: the provider
 * down or its answer lost after the commit, a retry with the same key while the first call is in flight, many at once.
 */
class PurchaseProviderCallTests extends CardTest {

    @Autowired PaymentJanitor janitor;
    @Value("${fangxin.db.pool-size-max:10}") int poolSize;

    private ExecutorService threads;
    private ProductView pass;

    @BeforeEach
    void gymWithAPass() {
        threads = Executors.newCachedThreadPool();
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "310104");
        pass = f.periodPass(gym, 900, 30);
    }

    @AfterEach
    void release() {
        sandbox.releaseCreates(pass.name());
        threads.shutdownNow();
    }

    @Test
    void theOrderIsCommittedBeforeTheProviderIsCalledAndARetryWithTheSameKeyWhileInFlightGetsTheSameOrder() throws Exception {
        UserAccount consumer = f.consumer();
        Api api = api().as(consumer);
        String key = UUID.randomUUID().toString();
        sandbox.holdCreates(pass.name(), 1);
        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key), threads);
        CardFixtures.awaitTrue(() -> sandbox.createsWaiting(pass.name()) == 1);

        // while the provider call is in flight, the purchase and its order are visible to everyone: committed
        List<String> committed = jdbc.sql("select status from card.purchase where consumer_id = :c")
                .param("c", consumer.id()).query(String.class).list();
        assertThat(committed).containsExactly("PENDING_PAYMENT");

        Api.Response retry = api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        sandbox.releaseCreates(pass.name());
        Api.Response answer = first.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);

        assertThat(retry.json().get("id").asString()).isEqualTo(answer.json().get("id").asString());
        assertThat(retry.json().get("checkoutUrl").asString()).isEqualTo(answer.json().get("checkoutUrl").asString());
        assertOneOrderAtEachEnd(consumer);
    }

    @Test
    void theProviderDownLeavesThePurchasePendingAndARetryWithTheSameKeyPlacesItAndTheCardIsIssued() {
        UserAccount consumer = f.consumer();
        Api api = api().as(consumer);
        String key = UUID.randomUUID().toString();
        sandbox.faultNextCreate(pass.name(), CreateFault.FAIL);

        Api.Response down = api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key);
        assertThat(down.status()).as(down.body()).isEqualTo(424);
        assertThat(down.code()).isEqualTo("payment-provider-unavailable");
        assertThat(jdbc.sql("""
                select count(*) from card.purchase p join payment.payment_order o on o.id = p.payment_order_id
                 where p.consumer_id = :c and p.status = 'PENDING_PAYMENT' and o.checkout_url is null
                   and o.status = 'PENDING' and o.provider_order_id is null
                """).param("c", consumer.id()).query(Long.class).single()).isEqualTo(1);

        Api.Response retry = api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().get("checkoutUrl").asString()).startsWith("/public/sandbox-pay/");
        assertOneOrderAtEachEnd(consumer);

        UUID purchaseId = UUID.fromString(retry.json().get("id").asString());
        sandbox.pay(f.providerOrderId(UUID.fromString(retry.json().get("paymentOrderId").asString())));
        f.awaitCard(purchaseId);
        assertThat(api.get("/api/v1/purchases/" + purchaseId).json().get("checkoutUrl").asString())
                .isEqualTo(retry.json().get("checkoutUrl").asString());
    }

    @Test
    void aReplayFindsThePurchaseTheKeyStoredWithoutReadingTheStoredAnswer() {
        UserAccount consumer = f.consumer();
        Api api = api().as(consumer);
        String key = UUID.randomUUID().toString();
        sandbox.faultNextCreate(pass.name(), CreateFault.FAIL);
        assertThat(api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key).status()).isEqualTo(424);
        UUID purchaseId = jdbc.sql("select id from card.purchase where consumer_id = :c")
                .param("c", consumer.id()).query(UUID.class).single();
        // the key names its purchase; the stored answer's shape is not what the replay relies on
        assertThat(jdbc.sql("update idempotency.request set response_body = '{}' where key = :k and resource_id = :p")
                .param("k", key).param("p", purchaseId).update()).isEqualTo(1);

        Api.Response retry = api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").asString()).isEqualTo(purchaseId.toString());
        assertThat(retry.json().get("checkoutUrl").asString()).startsWith("/public/sandbox-pay/");
        assertOneOrderAtEachEnd(consumer);
    }

    @Test
    void thePurchasePageCommitsTheOrderFirstAndWithTheProviderDownSendsTheConsumerToThePurchaseWhichPlacesItOnTheNextVisit() {
        UserAccount consumer = f.consumer();
        FormSession page = FormSession.loggedIn(port, consumer.username());
        sandbox.faultNextCreate(pass.name(), CreateFault.FAIL);
        HttpResponse<String> bought = page.post("/cards/buy/" + pass.id(), "storeId=" + pass.storeIds().get(0)
                + "&contractVersionId=" + pass.currentVersionId() + "&accept=true");
        assertThat(bought.statusCode()).isEqualTo(302);
        UUID purchaseId = jdbc.sql("select id from card.purchase where consumer_id = :c and status = 'PENDING_PAYMENT'")
                .param("c", consumer.id()).query(UUID.class).single();
        assertThat(bought.headers().firstValue("Location").orElseThrow()).endsWith("/cards/purchases/" + purchaseId);

        assertThat(page.get("/cards/purchases/" + purchaseId).statusCode()).isEqualTo(200);
        assertOneOrderAtEachEnd(consumer);
    }

    @Test
    void aLostProviderAnswerIsFoundAgainByTheRetryNotOrderedTwice() {
        UserAccount consumer = f.consumer();
        Api api = api().as(consumer);
        String key = UUID.randomUUID().toString();
        sandbox.faultNextCreate(pass.name(), CreateFault.LOSE_ANSWER);

        assertThat(api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key).status()).isEqualTo(424);
        String atProvider = jdbc.sql("""
                select s.provider_order_id from payment.sandbox_order s
                  join card.purchase p on p.payment_order_id = s.merchant_order_no where p.consumer_id = :c
                """).param("c", consumer.id()).query(String.class).single();

        Api.Response retry = api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().get("checkoutUrl").asString()).endsWith("/" + atProvider);
        assertOneOrderAtEachEnd(consumer);
    }

    @Test
    void aPurchaseWhoseOrderNeverReachedTheProviderExpiresWithItsOrder() {
        UserAccount consumer = f.consumer();
        sandbox.faultNextCreate(pass.name(), CreateFault.FAIL);
        Api.Response down = api().as(consumer).post("/api/v1/purchases", CardFixtures.buyBody(pass), UUID.randomUUID().toString());
        assertThat(down.status()).isEqualTo(424);
        UUID orderId = jdbc.sql("select payment_order_id from card.purchase where consumer_id = :c")
                .param("c", consumer.id()).query(UUID.class).single();

        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 20 && !"EXPIRED".equals(payments.find(orderId).orElseThrow().status().name()); i++) {
            janitor.sweep();
        }
        CardFixtures.awaitTrue(() -> "EXPIRED".equals(jdbc.sql("select status from card.purchase where consumer_id = :c")
                .param("c", consumer.id()).query(String.class).single()));
        // a late retry does not place an expired order at the provider
        assertThat(payments.placeAtProvider(orderId).providerOrderId()).isNull();
    }

    @Test
    void morePurchasesAtOnceThanPooledConnectionsAllSucceedWhileTheProviderIsSlow() throws Exception {
        int buyers = poolSize + 4;
        sandbox.holdCreates(pass.name(), buyers);
        List<CompletableFuture<Api.Response>> answers = IntStream.range(0, buyers).mapToObj(i -> {
            Api api = api().as(f.consumer());
            return CompletableFuture.supplyAsync(
                    () -> api.post("/api/v1/purchases", CardFixtures.buyBody(pass), UUID.randomUUID().toString()), threads);
        }).toList();
        // every buyer is inside the provider call at once: none of them holds a connection, so the pool still serves
        CardFixtures.awaitTrue(() -> sandbox.createsWaiting(pass.name()) == buyers);
        assertThat(jdbc.sql("select count(*) from card.purchase where product_id = :p").param("p", pass.id())
                .query(Long.class).single()).isEqualTo(buyers);
        sandbox.releaseCreates(pass.name());
        for (CompletableFuture<Api.Response> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(201);
        }
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOnePurchaseAndOneProviderOrder() throws Exception {
        UserAccount consumer = f.consumer();
        Api api = api().as(consumer);
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Api.Response>> answers = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/purchases", CardFixtures.buyBody(pass), key), threads)).toList();
        List<String> ids = answers.stream().map(CompletableFuture::join)
                .peek(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201))
                .map(answer -> answer.json().get("id").asString() + " " + answer.json().get("checkoutUrl").asString())
                .distinct().toList();
        assertThat(ids).hasSize(1);
        assertOneOrderAtEachEnd(consumer);
    }

    /** One purchase, one payment order with its provider order and checkout URL, one order at the provider. */
    private void assertOneOrderAtEachEnd(UserAccount consumer) {
        assertThat(jdbc.sql("""
                select count(*) from card.purchase p join payment.payment_order o on o.id = p.payment_order_id
                  join payment.sandbox_order s on s.merchant_order_no = o.id and s.provider_order_id = o.provider_order_id
                 where p.consumer_id = :c and o.checkout_url is not null
                """).param("c", consumer.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from card.purchase where consumer_id = :c")
                .param("c", consumer.id()).query(Long.class).single()).isEqualTo(1);
    }
}
