package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.card.EscrowChecks;
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
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.notification.Notifications;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.protection.Closures;
import org.fangxin.protection.Deposits;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 "Done when", month by month on the test clock: a good Kaifeng gym (steady feeds, a lodged deposit, steady
 * sales) earns tier A — its contracts restate a lower supervision ratio that new purchases use — and after 90 days the
 * 放心商户 badge; then the feeds show its insured headcount at zero and unpaid tax while its prepaid sales spike: the
 * tier drops to D at once, sales stop, the sports regulator (not the education one) is alerted, a closure suspicion
 * opens, and every card sold before keeps the ratio and advance of the contract it was sold under. The books balance
 * after every step.
 */
class RiskJourneyTests extends IntegrationTest {

    static final long PRICE_YUAN = 2_000;

    @Autowired ApplicationContext context;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired RiskScores scores;
    @Autowired Products products;
    @Autowired SandboxGateway sandbox;
    @Autowired Payments payments;
    @Autowired Cards cards;
    @Autowired Ledger ledger;
    @Autowired EscrowChecks escrow;
    @Autowired Deposits deposits;
    @Autowired Closures closures;
    @Autowired Notifications notifications;
    @Autowired JdbcClient jdbc;

    /** What a card was sold under: the purchase's ratio and the advance released for it. */
    record Sold(int ratioBp, long advanceMinor, UUID contractVersionId) { }

    private final Map<UUID, Sold> sold = new LinkedHashMap<>();
    private UUID gymId;

    @Test
    void aGoodMerchantEarnsTheBadgeThenFailingFeedsAndASalesSpikeDropItToDAndStopItsSales() {
        TestMerchants testMerchants = new TestMerchants(merchants, accounts);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        gymId = gym.id();
        String code = gym.merchant().creditCode();
        UserAccount sportsRegulator = users.create(Role.REGULATOR, null, "SPORTS_FITNESS");
        UserAccount educationRegulator = users.create(Role.REGULATOR, null, "EDUCATION");
        UserAccount operator = users.create(Role.OPERATOR);
        FeedClient provider = new FeedClient(port, new RiskFixtures(context).providerKey());
        ProductView pack = products.create(gym.ownerActor(), new ProductDraft("放心旅程 20次卡 " + UUID.randomUUID().toString().substring(0, 6),
                null, ProductKind.SESSION_PACK, Money.yuan(PRICE_YUAN), null, null, 20, Term.months(3),
                List.of(gym.merchant().stores().get(0).id()), new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true,
                "闭店时按剩余价值全额退款", "协商; 不成向消费者协会申请调解", null)));
        deposits.lodge(operator.actor(), gymId, Money.yuan(50_000), "保证金 " + UUID.randomUUID());
        assertThat(provider.pushCsv(RiskFixtures.HEADER + RiskFixtures.steadyYear(code, month().minusMonths(1), 800_000, 12, 3_000))
                .status()).isEqualTo(201);

        scores.rate(gymId);
        assertThat(view().tier()).isEqualTo(RiskTier.B);
        assertThat(view().pendingUpTo()).as("a new merchant earns its way up from B").isEqualTo(RiskTier.A);
        assertBooks("start");

        for (int m = 0; m < 5; m++) {
            buy(pack.id(), 2);
            assertBooks("month " + m + " sales");
            clock.advance(Duration.ofDays(30));
            assertThat(provider.pushCsv(RiskFixtures.HEADER + RiskFixtures.monthly(code, "TAX_PAID", month().minusMonths(1), 800_000)
                    + RiskFixtures.monthly(code, "SOCIAL_INSURANCE_HEADCOUNT", month().minusMonths(1), 12)
                    + RiskFixtures.monthly(code, "UTILITY_CONSUMPTION", month().minusMonths(1), 3_000)).status()).isIn(200, 201);
            scores.rate(gymId);
            assertThat(view().tier()).as("month " + m).isEqualTo(RiskTier.A);
            assertBooks("month " + m + " rated");
        }
        MerchantRiskView good = view();
        assertThat(good.badge()).as("tier A held for 90 days, no upheld complaint").isTrue();
        assertThat(api().get("/api/v1/public/risk-badges?merchantIds=" + gymId).json().get(0).get("trusted").asBoolean()).isTrue();
        assertThat(good.terms().supervisionRatioBp()).as("the lower ratio of tier A").isEqualTo(3_000);
        assertThat(good.terms().insuranceTier()).isEqualTo("A");
        await().atMost(Duration.ofSeconds(60)).until(() -> currentRatio(pack.id()) == 3_000);
        assertThat(sold.values().stream().map(Sold::ratioBp).distinct()).as("sold first under B, then under A").contains(4_000, 3_000);
        sold.forEach((card, terms) -> assertThat(terms.advanceMinor())
                .isEqualTo(PRICE_YUAN * 100 * (10_000 - terms.ratioBp()) / 10_000));
        Map<UUID, Sold> before = new LinkedHashMap<>(sold);

        // the spike: six times the usual month's sales in three days, while the feeds turn bad
        for (int day = 0; day < 3; day++) {
            buy(pack.id(), 4);
            clock.advance(Duration.ofDays(1));
        }
        assertBooks("spike sales");
        String bad = RiskFixtures.HEADER + RiskFixtures.monthly(code, "SOCIAL_INSURANCE_HEADCOUNT", month().minusMonths(1), 0)
                + RiskFixtures.monthly(code, "TAX_PAID", month().minusMonths(1), 0)
                + RiskFixtures.monthly(code, "TAX_ARREARS", month().minusMonths(1), 3_000_000);
        assertThat(provider.pushCsv(bad).status()).isIn(200, 201);
        scores.rate(gymId);

        MerchantRiskView fallen = view();
        assertThat(fallen.tier()).as("down at once: " + fallen.factors()).isEqualTo(RiskTier.D);
        assertThat(fallen.badge()).isFalse();
        assertThat(contribution(fallen, "SALES_SPIKE")).isEqualTo(2_500);
        assertThat(contribution(fallen, "HEADCOUNT")).isEqualTo(2_500);
        assertThat(contribution(fallen, "TAX_ARREARS")).isEqualTo(2_000);
        assertThat(fallen.terms().salesBlocked()).isTrue();
        assertBooks("tier D");

        Api.Response refused = api().as(users.create(Role.CONSUMER)).post("/api/v1/purchases", Map.of("productId", pack.id(),
                "storeId", pack.storeIds().get(0), "contractVersionId", products.find(pack.id()).orElseThrow().currentVersionId(),
                "acceptContract", true), UUID.randomUUID().toString());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("merchant-may-not-sell");
        assertThat(closures.freezingCase(gymId)).as("a closure suspicion is open").isPresent();
        JsonNode alerts = api().as(sportsRegulator).get("/api/v1/risk/alerts?merchantId=" + gymId).json();
        assertThat(alerts.toString()).contains("TIER_DROP", "\"toTier\":\"D\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> notifications.inbox(sportsRegulator.actor(), 100).stream()
                .anyMatch(n -> n.subject().contains(gym.merchant().legalName())));
        assertThat(notifications.inbox(educationRegulator.actor(), 100))
                .noneMatch(n -> n.subject().contains(gym.merchant().legalName()));

        // every card sold before keeps the contract, ratio and advance it was sold under; the books still hold
        before.forEach((cardId, terms) -> {
            Sold now = soldTerms(cardId);
            assertThat(now).as("card " + cardId).isEqualTo(terms);
        });
        assertBooks("end");
    }

    private YearMonth month() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), RiskScores.ZONE));
    }

    private MerchantRiskView view() {
        return scores.view(users.create(Role.OPERATOR).actor(), gymId);
    }

    private static int contribution(MerchantRiskView view, String factor) {
        return view.factors().stream().filter(f -> f.factor().equals(factor)).findFirst().orElseThrow().contributionCenti();
    }

    private int currentRatio(UUID productId) {
        var product = products.find(productId).orElseThrow();
        return products.findContractVersion(product.currentVersionId()).orElseThrow().content().supervisionRatioBp();
    }

    /** Consumers buy the product under its current contract through the API and pay in the sandbox. */
    private void buy(UUID productId, int count) {
        List<UUID> purchases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UserAccount consumer = users.create(Role.CONSUMER);
            ProductView product = products.find(productId).orElseThrow();
            Api.Response started = api().as(consumer).post("/api/v1/purchases", Map.of("productId", productId,
                    "storeId", product.storeIds().get(0), "contractVersionId", product.currentVersionId(),
                    "acceptContract", true), UUID.randomUUID().toString());
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            purchases.add(UUID.fromString(started.json().get("id").asString()));
            sandbox.pay(payments.find(UUID.fromString(started.json().get("paymentOrderId").asString())).orElseThrow().providerOrderId());
        }
        for (UUID purchase : purchases) {
            await().atMost(Duration.ofSeconds(60)).until(() -> cardOf(purchase) != null);
            UUID card = cardOf(purchase);
            sold.put(card, soldTerms(card));
        }
    }

    private UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id").param("id", purchaseId).query(UUID.class)
                .optional().orElse(null);
    }

    private Sold soldTerms(UUID cardId) {
        return jdbc.sql("""
                select p.supervision_ratio_bp, c.advance_minor, c.contract_version_id
                  from card.card c join card.purchase p on p.id = c.purchase_id where c.id = :id
                """).param("id", cardId)
                .query((rs, n) -> new Sold(rs.getInt(1), rs.getLong(2), rs.getObject(3, UUID.class))).single();
    }

    private void assertBooks(String when) {
        var invariants = ledger.checkInvariants();
        assertThat(invariants.holds()).as(when + ": " + invariants).isTrue();
        var identity = escrow.checkMerchant(gymId);
        assertThat(identity.holds()).as(when + ": " + identity.violations()).isTrue();
    }
}
