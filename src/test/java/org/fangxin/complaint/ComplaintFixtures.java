package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.card.EscrowChecks;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Steps of the complaint tests through the real modules: a gym with a session pack, a card bought through the API and
 * paid in the payment sandbox, redemptions at the counter with the holder's code, evidence uploads (multipart), the
 * payment module's refund sender, and the books (ledger invariants and the escrow identity).
 */
final class ComplaintFixtures {

    static final Duration WAIT_MAX = Duration.ofSeconds(30);
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final java.util.concurrent.atomic.AtomicInteger DISTRICTS =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 9_000));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TestMerchants merchants;
    final TestUsers users;
    final Products products;
    final Payments payments;
    final SandboxGateway sandbox;
    final RefundWorker refundWorker;
    final Cards cards;
    final EscrowChecks escrow;
    final Ledger ledger;
    final JdbcClient jdbc;
    final TestClock clock;
    final java.util.function.Supplier<Api> api;
    final int port;

    ComplaintFixtures(ApplicationContext context, TestUsers users, TestClock clock, java.util.function.Supplier<Api> api,
                      int port) {
        this.merchants = new TestMerchants(context.getBean(Merchants.class), context.getBean(Users.class));
        this.users = users;
        this.products = context.getBean(Products.class);
        this.payments = context.getBean(Payments.class);
        this.sandbox = context.getBean(SandboxGateway.class);
        this.refundWorker = context.getBean(RefundWorker.class);
        this.cards = context.getBean(Cards.class);
        this.escrow = context.getBean(EscrowChecks.class);
        this.ledger = context.getBean(Ledger.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.clock = clock;
        this.api = api;
        this.port = port;
    }

    TestMerchants.Created gym() {
        return merchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
    }

    /** A gym in a district of its own whose rule row keeps every price in escrow (nothing advanced). */
    TestMerchants.Created fullyEscrowedGym(org.fangxin.rules.Rules rules) {
        int n = DISTRICTS.incrementAndGet() % 9_801;
        String district = String.format("43%02d%02d", n / 99 + 1, n % 99 + 1);
        var values = new org.fangxin.rules.RuleValues(null, null, null, null, null, null, null, null, 10_000, null, null,
                List.of(), List.of());
        rules.change(users.create(org.fangxin.identity.Role.OPERATOR).actor(), district, Sector.SPORTS_FITNESS.name(),
                new org.fangxin.rules.RuleChange(values, "complaint test: everything in escrow", null));
        return merchants.activeMerchant(Sector.SPORTS_FITNESS, district);
    }

    /** A 60-session pack refunded pro rata by sessions, valid a year. */
    ProductView pack(TestMerchants.Created gym, Money price) {
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 500, true,
                "闭店时按剩余价值全额退款或转至承接商户", "协商; 不成向消费者协会申请调解", null);
        return products.create(gym.ownerActor(), new ProductDraft("投诉测试卡 " + UUID.randomUUID().toString().substring(0, 8),
                null, ProductKind.SESSION_PACK, price, null, null, 60, Term.months(12),
                List.of(gym.merchant().stores().get(0).id()), terms));
    }

    /** The holder buys through the API and pays in the sandbox; the card module issues the card (a listener). */
    CardView buy(UserAccount holder, ProductView product) {
        Api.Response started = api.get().as(holder).post("/api/v1/purchases", Map.of("productId", product.id(),
                "storeId", product.storeIds().get(0), "contractVersionId", product.currentVersionId(),
                "acceptContract", true), UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
        await(() -> cardOf(purchaseId) != null, "card of purchase " + purchaseId);
        return cards.find(cardOf(purchaseId)).orElseThrow();
    }

    private UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(UUID.class).optional().orElse(null);
    }

    /** Staff redeem sessions with the holder's one-time code; answers the redemption's id. */
    UUID redeem(UserAccount holder, CardView card, UserAccount staff, int sessions) {
        Api.Response code = api.get().as(holder).post("/api/v1/cards/" + card.id() + "/redemption-codes", null);
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        Api.Response redeemed = api.get().as(staff).post("/api/v1/redemptions", Map.of("code",
                code.json().get("code").asString(), "storeId", card.storeId(), "sessions", sessions),
                UUID.randomUUID().toString());
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        return UUID.fromString(redeemed.json().get("id").asString());
    }

    /** Uploads a file as evidence through the API (multipart field {@code file}). */
    Api.Response upload(UserAccount user, UUID complaintId, String fileName, String contentType, byte[] content) {
        String token = token(user);
        String boundary = "----fangxin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/complaints/" + complaintId + "/evidence"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a CSV body (12315 import) as an operator. */
    Api.Response postCsv(UserAccount operator, String csv) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/complaints/imports"))
                    .header("Authorization", "Bearer " + token(operator)).header("Accept", "application/json")
                    .header("Content-Type", "text/csv; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(UserAccount user) {
        Api.Response login = api.get().post("/api/v1/auth/token", Map.of("username", user.username(), "password",
                TestUsers.PASSWORD));
        return login.json().get("accessToken").asString();
    }

    /** Sends provider refunds until the payment refund with this reference succeeded (the sandbox answers). */
    void payRefund(String reference) {
        await(() -> {
            refundWorker.submitDue();
            clock.advance(Duration.ofMinutes(1));
            return "SUCCEEDED".equals(jdbc.sql("select status from payment.refund where refund_reference = :ref")
                    .param("ref", reference).query(String.class).optional().orElse(null));
        }, "provider refund " + reference);
    }

    Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }

    /** The ledger's invariants and the merchant's escrow identity hold; no merchant-side account is negative. */
    void assertBooks(String when, UUID merchantId) {
        InvariantReport invariants = ledger.checkInvariants();
        assertThat(invariants.holds()).as(when + ": " + invariants).isTrue();
        EscrowIdentityReport identity = escrow.checkMerchant(merchantId);
        assertThat(identity.holds()).as(when + ": " + identity.violations()).isTrue();
        for (AccountType type : List.of(AccountType.ESCROW, AccountType.MERCHANT_ADVANCE, AccountType.MERCHANT_PAYABLE)) {
            assertThat(balance(type, merchantId).isNegative()).as(when + ": " + type).isFalse();
        }
    }

    /** Open deadlines of a case in the database (the partial unique index allows at most one). */
    long openDeadlines(UUID complaintId) {
        return jdbc.sql("select count(*) from complaint.deadline where complaint_id = :id and closed_on is null")
                .param("id", complaintId).query(Long.class).single();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(25); // a listener after commit on another thread; time itself moves by the TestClock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static String key() {
        return UUID.randomUUID().toString();
    }
}
