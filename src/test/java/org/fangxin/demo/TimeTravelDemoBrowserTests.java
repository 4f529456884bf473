package org.fangxin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.fangxin.FangxinApplication;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.testing.Api;
import org.fangxin.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: the demo profile with its platform clock and running jobs, on a database of its own (the demo seeds a
 * Kaifeng region policy and demo logins that must not reach the shared test database). An operator moves the clock on
 * the page; a consumer's cooling-off refund is paid in full, and the gym's T+1 payout is instructed by the daily
 * settlement run the clock passes, executed by the sandbox bank and confirmed.
 */
@Tag("browser")
@Tag("application")
@SpringBootTest(classes = FangxinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=demo", "logging.structured.format.console=", "spring.main.banner-mode=off",
                "fangxin.jobs.polling-interval=PT1S", "fangxin.db.connection-timeout=5s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TimeTravelDemoBrowserTests {

    private static final String PASSWORD = "fangxin-demo";
    private static EmbeddedPostgres database;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        try {
            database = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = database.getJdbcUrl("postgres", "postgres");
        registry.add("fangxin.db.url", () -> url);
        registry.add("fangxin.db.user", () -> "postgres");
        registry.add("fangxin.db.password", () -> "");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @LocalServerPort int port;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;

    Api as(String username) {
        return new Api("http://127.0.0.1:" + port).as(username, PASSWORD);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private JsonNode gymPack(Api consumer) {
        JsonNode[] found = new JsonNode[1];
        await(() -> {
            for (JsonNode p : consumer.get("/api/v1/public/products").json()) {
                if (p.get("name").asString().startsWith("60次私教课")) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        }, "the demo catalog");
        return found[0];
    }

    private static java.util.Set<String> cardIds(Api consumer) {
        var ids = new java.util.HashSet<String>();
        consumer.get("/api/v1/cards").json().forEach(c -> ids.add(c.get("id").asString()));
        return ids;
    }

    private String buyAndPay(Api consumer, JsonNode product) {
        var before = cardIds(consumer);
        var started = consumer.post("/api/v1/purchases", Map.of("productId", product.get("id").asString(),
                "storeId", product.get("storeIds").get(0).asString(), "contractVersionId",
                product.get("currentVersionId").asString(), "acceptContract", true), UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
        await(() -> cardIds(consumer).size() > before.size(), "the card of purchase " + started.json().get("id").asString());
        var after = cardIds(consumer);
        after.removeAll(before);
        return after.iterator().next();
    }

    private void moveClock(Page operator, String button) {
        operator.navigate("/demo/clock");
        // a move runs every job due on the way; on a loaded machine a day can take longer than a click's default wait
        operator.locator(button).click(new Locator.ClickOptions().setTimeout(180_000));
        operator.waitForURL("**/demo/clock", new Page.WaitForURLOptions().setTimeout(180_000));
        assertThat(operator.locator("#moved").isVisible()).isTrue();
    }

    @Test
    void anOperatorMovesTheDemoClockWhileACoolingOffRefundIsPaidAndAT1PayoutConfirmed() {
        Api consumer = as("consumer");
        JsonNode pack = gymPack(consumer);
        String refunded = buyAndPay(consumer, pack);
        String redeemed = buyAndPay(consumer, pack);
        var code = consumer.post("/api/v1/cards/" + redeemed + "/redemption-codes", null);
        Api owner = as("gym-owner");
        assertThat(owner.post("/api/v1/redemptions", Map.of("code", code.json().get("code").asString(),
                "storeId", pack.get("storeIds").get(0).asString(), "sessions", 1), UUID.randomUUID().toString()).status())
                .isEqualTo(201);
        String gymId = owner.get("/api/v1/me").json().get("merchantId").asString();

        try (Browser browser = Browser.open(port)) {
            Page operator = browser.loggedIn("operator", PASSWORD);
            operator.navigate("/demo/clock");
            String before = operator.locator("#clock-now").textContent();
            moveClock(operator, "#plus-day");
            assertThat(operator.locator("#clock-now").textContent()).isNotEqualTo(before);
            assertThat(operator.locator("#demo-clock").textContent()).contains("+1d");

            // Day 2 of 7: the unused card comes back in full, approved at once, and the refund job pays it.
            Page holder = browser.loggedIn("consumer", PASSWORD);
            holder.navigate("/refunds/new?cardId=" + refunded);
            assertThat(holder.locator("#cooling-off").isVisible()).isTrue();
            assertThat(holder.locator("#refund-amount").textContent()).contains("2,000.00");
            holder.locator("#confirm").click();
            holder.waitForURL("**/refunds?requested=*");
            moveClock(operator, "#plus-hour");
            // bearer tokens expire by the platform clock too (8 hours): log in again after a move
            Api holderApi = as("consumer");
            await(() -> holderApi.get("/api/v1/refunds").json().get(0).get("status").asString().equals("PAID"), "the refund paid");

            // T+1: the daily settlement run the clock passed paid the gym; the sandbox bank executed and confirmed it.
            for (int day = 0; day < 4 && confirmedPayouts(as("operator"), gymId) == 0; day++) {
                moveClock(operator, "#plus-day"); // a weekend pays on the next business day
            }
            assertThat(confirmedPayouts(as("operator"), gymId)).isPositive();
            Page gym = browser.loggedIn("gym-owner", PASSWORD);
            gym.navigate("/settlement/mine");
            assertThat(gym.locator("#payouts .badge.CONFIRMED").count()).isPositive();
        }
    }

    private static long confirmedPayouts(Api operator, String merchantId) {
        long confirmed = 0;
        for (JsonNode payout : operator.get("/api/v1/settlement/payouts?merchantId=" + merchantId + "&status=CONFIRMED").json()) {
            confirmed += payout.get("amount").get("amountMinor").asLong() > 0 ? 1 : 0;
        }
        return confirmed;
    }
}
