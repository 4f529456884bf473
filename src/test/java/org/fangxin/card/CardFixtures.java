package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.fangxin.card.lifecycle.EscrowIdentityCheck;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Steps of the card tests: merchants with products, consumers, purchases paid through the sandbox, bounded waits. */
final class CardFixtures {

    static final Duration WAIT_MAX = Duration.ofSeconds(10);
    private static final AtomicLong MOBILES = new AtomicLong((System.nanoTime() / 1000) % 40_000_000);

    final Merchants merchants;
    final Users users;
    final Products products;
    final Payments payments;
    final SandboxGateway sandbox;
    final Ledger ledger;
    final EscrowIdentityCheck escrow;
    final JdbcClient jdbc;
    final TestUsers testUsers;

    CardFixtures(Merchants merchants, Users users, Products products, Payments payments, SandboxGateway sandbox,
                 Ledger ledger, EscrowIdentityCheck escrow, JdbcClient jdbc, TestUsers testUsers) {
        this.merchants = merchants;
        this.users = users;
        this.products = products;
        this.payments = payments;
        this.sandbox = sandbox;
        this.ledger = ledger;
        this.escrow = escrow;
        this.jdbc = jdbc;
        this.testUsers = testUsers;
    }

    TestMerchants.Created merchant(Sector sector, String region) {
        return new TestMerchants(merchants, users).activeMerchant(sector, region);
    }

    UserAccount staff(UUID merchantId) {
        return new TestMerchants(merchants, users).staff(merchantId);
    }

    UUID store(TestMerchants.Created merchant) {
        return merchant.merchant().stores().get(0).id();
    }

    ProductView sessionPack(TestMerchants.Created m, long yuan, int sessions) {
        return product(m, ProductKind.SESSION_PACK, Money.yuan(yuan), null, sessions, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
    }

    ProductView periodPass(TestMerchants.Created m, long yuan, int days) {
        return product(m, ProductKind.PERIOD_PASS, Money.yuan(yuan), null, null, Term.days(days), RefundMethod.PRO_RATA_DAYS);
    }

    ProductView storedValue(TestMerchants.Created m, long priceYuan, long faceYuan) {
        return product(m, ProductKind.STORED_VALUE, Money.yuan(priceYuan), Money.yuan(faceYuan), null, Term.months(12),
                RefundMethod.PRO_RATA_VALUE);
    }

    ProductView product(TestMerchants.Created m, ProductKind kind, Money price, Money face, Integer sessions, Term term,
                        RefundMethod method) {
        ContractTerms terms = new ContractTerms(7, method, 0, true, "闭店时按剩余价值全额退款",
                "协商不成的, 向消费者协会申请调解", null);
        return products.create(m.ownerActor(), new ProductDraft("卡 " + UUID.randomUUID().toString().substring(0, 8), null,
                kind, price, null, face, sessions, term, List.of(store(m)), terms));
    }

    UserAccount consumer() {
        return testUsers.create(Role.CONSUMER);
    }

    /** A consumer with a mobile number (set directly: the OTP sign-up is identity's business). */
    UserAccount consumerWithMobile(String mobile) {
        UserAccount account = consumer();
        jdbc.sql("update identity.user_account set mobile = :mobile where id = :id")
                .param("mobile", mobile).param("id", account.id()).update();
        return users.find(account.id()).orElseThrow();
    }

    static String nextMobile() {
        return String.format("137%08d", MOBILES.incrementAndGet() % 100_000_000);
    }

    static Map<String, Object> buyBody(ProductView product) {
        return Map.of("productId", product.id(), "storeId", product.storeIds().get(0),
                "contractVersionId", product.currentVersionId(), "acceptContract", true);
    }

    /** Buys through the API and returns the purchase (waiting for payment). */
    Api.Response startPurchase(Api consumer, ProductView product) {
        return consumer.post("/api/v1/purchases", buyBody(product), UUID.randomUUID().toString());
    }

    String providerOrderId(UUID paymentOrderId) {
        return payments.find(paymentOrderId).orElseThrow().providerOrderId();
    }

    /** Buys, pays in the sandbox and waits for the card; returns the card id. */
    UUID buyAndPay(Api consumer, ProductView product) {
        Api.Response response = startPurchase(consumer, product);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(response.json().get("id").asString());
        UUID orderId = UUID.fromString(response.json().get("paymentOrderId").asString());
        sandbox.pay(providerOrderId(orderId));
        return awaitCard(purchaseId);
    }

    UUID awaitCard(UUID purchaseId) {
        awaitTrue(() -> cardOf(purchaseId) != null);
        UUID card = cardOf(purchaseId);
        assertThat(card).as("card of purchase " + purchaseId).isNotNull();
        return card;
    }

    UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(UUID.class).optional().orElse(null);
    }

    long cardsOf(UUID purchaseId) {
        return jdbc.sql("select count(*) from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(Long.class).single();
    }

    static void awaitTrue(Supplier<Boolean> condition) {
        Eventually.awaitTrue(condition, WAIT_MAX);
    }

    /** A gym's session pack (60 sessions for ¥2,000) bought by a new consumer, and one of the gym's staff. */
    record Bought(TestMerchants.Created gym, ProductView pack, UserAccount holder, Api holderApi, UUID cardId,
                  UserAccount staff) { }

    Bought bought(Api api) {
        TestMerchants.Created gym = merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = sessionPack(gym, 2000, 60);
        UserAccount holder = consumer();
        Api holderApi = api.as(holder);
        return new Bought(gym, pack, holder, holderApi, buyAndPay(holderApi, pack), staff(gym.id()));
    }

    /** A card of 10 sessions at a gym, its holder and the gym's staff, and a second gym of another merchant. */
    record AtTheCounter(TestMerchants.Created gym, TestMerchants.Created other, Api consumer, UUID cardId, Api staff) { }

    AtTheCounter atTheCounter(Api api) {
        TestMerchants.Created gym = merchant(Sector.SPORTS_FITNESS, "410200");
        TestMerchants.Created other = merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = sessionPack(gym, 500, 10);
        Api consumer = api.as(consumer());
        UUID cardId = buyAndPay(consumer, pack);
        return new AtTheCounter(gym, other, consumer, cardId, api.as(staff(gym.id())));
    }

    /** A redemption code the holder shows for {@code cardId}. */
    static String code(Api holder, UUID cardId) {
        Api.Response response = holder.post("/api/v1/cards/" + cardId + "/redemption-codes", null);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("code").asString();
    }

    /** Redeems {@code sessions} of the bought card at the gym's first store with a fresh code; answers the redemption. */
    static tools.jackson.databind.JsonNode redeem(Api api, Bought b, int sessions) {
        Api.Response response = api.as(b.staff()).post("/api/v1/redemptions",
                Map.of("code", code(b.holderApi(), b.cardId()), "storeId", b.gym().merchant().stores().get(0).id(),
                        "sessions", sessions), UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Messages to {@code user} under {@code dedupKey} (0 or 1). */
    long messages(UserAccount user, String dedupKey) {
        return jdbc.sql("select count(*) from notification.message where user_id = :user and dedup_key = :key")
                .param("user", user.id()).param("key", dedupKey).query(Long.class).single();
    }

    /** Event publications whose event names {@code id}. */
    long publications(UUID id) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like :id")
                .param("id", "%" + id + "%").query(Long.class).single();
    }

    /** The ledger's invariants and the escrow identity of this merchant hold. */
    void assertBooksHold(UUID merchantId) {
        InvariantReport report = ledger.checkInvariants();
        assertThat(report.holds()).as(report.toString()).isTrue();
        EscrowIdentityReport identity = escrow.checkMerchant(merchantId);
        assertThat(identity.holds()).as(identity.violations().toString()).isTrue();
    }
}
