package org.fangxin.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Risk deposits end to end: lodging, the coverage check with its block and notices, top-up, return. */
@org.springframework.test.context.event.RecordApplicationEvents
class DepositTests extends IntegrationTest {

    static final String REGION = "310101";

    @Autowired
    Deposits deposits;
    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    org.fangxin.insurance.Insurers insurers;
    @Autowired
    org.fangxin.insurance.Policies policies;

    @Autowired
    org.springframework.test.context.event.ApplicationEvents events;
    @Autowired
    org.fangxin.catalog.Products products;
    @Autowired
    org.fangxin.payment.Payments payments;
    @Autowired
    org.fangxin.payment.sandbox.SandboxGateway sandbox;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TestMerchants testMerchants;
    TestExposure exposure;
    Api operator;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
        exposure = new TestExposure(ledger);
        operator = api().as(users.create(Role.OPERATOR));
    }

    private Api.Response lodge(UUID merchantId, long fen) {
        return operator.post("/api/v1/protection/deposits", Map.of("merchantId", merchantId.toString(),
                "amount", Map.of("amountMinor", fen, "currency", "CNY"), "reference", "bank receipt " + fen),
                "lodge-" + UUID.randomUUID());
    }

    @Test
    void lodgedDepositCoversTheSectorFloor() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, REGION);
        var lodged = lodge(gym.id(), 500_000);
        assertThat(lodged.status()).isEqualTo(201);
        assertThat(lodged.json().get("postingKey").asString()).startsWith("deposit:");

        var coverage = api().as(gym.owner()).get("/api/v1/protection/merchants/" + gym.id() + "/coverage").json();
        assertThat(coverage.get("required").get("amountMinor").asLong()).isEqualTo(500_000);
        assertThat(coverage.get("lodged").get("amountMinor").asLong()).isEqualTo(500_000);
        assertThat(coverage.get("underCoveredSince").isNull()).isTrue();
        assertThat(deposits.maySell(gym.id())).isEmpty();
        assertThat(exposure.balance(AccountType.RISK_DEPOSIT_HELD, gym.id())).isEqualTo(Money.fen(500_000));
        assertThat(exposure.balance(AccountType.RISK_DEPOSIT, gym.id())).isEqualTo(Money.fen(500_000));
    }

    @Test
    void risingExposureBlocksSalesAndNotifiesUntilTopUp() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, REGION);
        lodge(gym.id(), 500_000);
        exposure.advance(gym.id(), 5_000_000, 3_000_000); // 30,000 yuan advanced → 30% = 9,000 yuan required

        CoverageCheckSummary summary = deposits.checkAll();
        assertThat(summary.merchantsChecked()).isPositive();
        assertThat(summary.failed()).isZero();
        assertThat(deposits.maySell(gym.id())).get().asString().contains("under-covered");
        Api owner = api().as(gym.owner());
        var coverage = owner.get("/api/v1/protection/merchants/" + gym.id() + "/coverage").json();
        assertThat(coverage.get("required").get("amountMinor").asLong()).isEqualTo(900_000);
        assertThat(coverage.get("shortfall").get("amountMinor").asLong()).isEqualTo(400_000);
        assertThat(coverage.get("underCoveredSince").isNull()).isFalse();
        var requests = owner.get("/api/v1/protection/merchants/" + gym.id() + "/top-up-requests").json();
        assertThat(requests.size()).isEqualTo(1);
        assertThat(requests.get(0).get("shortfall").get("amountMinor").asLong()).isEqualTo(400_000);
        Eventually.holds(() -> assertThat(owner.get("/api/v1/notifications").body()).contains("补缴风险保证金")); // after commit

        // A second run changes nothing: one request, one notice.
        deposits.checkAll();
        assertThat(owner.get("/api/v1/protection/merchants/" + gym.id() + "/top-up-requests").json().size()).isEqualTo(1);
        assertThat(operator.get("/api/v1/protection/coverage?underCovered=true").body()).contains(gym.id().toString());

        // The lodging rechecks the merchant at once (called on the facade: events are recorded on the test's thread).
        deposits.lodge(testMerchants.operator(), gym.id(), Money.fen(400_000), "top-up receipt");
        assertThat(deposits.maySell(gym.id())).isEmpty();
        var after = owner.get("/api/v1/protection/merchants/" + gym.id() + "/top-up-requests").json();
        assertThat(after.get(0).get("resolvedAt").isNull()).isFalse();
        Eventually.holds(() -> assertThat(owner.get("/api/v1/notifications").body()).contains("风险保证金已足额"));
        assertThat(events.stream(MerchantUnderCovered.class).filter(e -> e.merchantId().equals(gym.id())))
                .singleElement().satisfies(e -> assertThat(e.shortfall()).isEqualTo(Money.fen(400_000)));
        assertThat(events.stream(MerchantCoverRestored.class).filter(e -> e.merchantId().equals(gym.id()))).hasSize(1);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void insuredCoverLowersTheRequiredDeposit() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var cards = new org.fangxin.testing.TestCards(products, payments, sandbox, jdbc, users, this::api);
        for (int i = 0; i < 5; i++) {
            cards.buyPass(gym, Money.yuan(8_000)); // 4,800 yuan advanced each: 24,000 → 30% = 7,200 yuan
        }
        assertThat(deposits.check(gym.id()).required()).isEqualTo(Money.yuan(7_200));
        var fixtures = new org.fangxin.insurance.InsuranceFixtures(insurers, policies, users);
        var insurer = fixtures.insurer(120, Money.yuan(1_500));
        fixtures.policy(insurer.product(), org.fangxin.insurance.PolicyScope.MERCHANT, java.util.List.of(gym.id()), null,
                new org.fangxin.insurance.CostSharing(10_000, 0, 0));
        var coverage = deposits.check(gym.id());
        assertThat(coverage.insuredCover()).isEqualTo(Money.yuan(1_500));
        assertThat(coverage.required()).isEqualTo(Money.yuan(5_700));
        assertThat(coverage.blocked()).isTrue();
        lodge(gym.id(), 570_000);
        assertThat(deposits.maySell(gym.id())).isEmpty();
    }

    @Test
    void returnsTheDepositOnlyOnACleanExit() {
        var operatorActor = testMerchants.operator();
        var shop = testMerchants.activeMerchant(Sector.BEAUTY, REGION);
        lodge(shop.id(), 600_000);
        String path = "/api/v1/protection/merchants/" + shop.id() + "/deposit-return";
        Map<String, Object> body = Map.of("reference", "exit");
        assertThat(operator.post(path, body, "ret-" + UUID.randomUUID()).code()).isEqualTo("merchant-not-closed");

        merchants.close(operatorActor, shop.id(), "exit without customers");
        var returned = operator.post(path, body, "ret-" + UUID.randomUUID());
        assertThat(returned.status()).isEqualTo(201);
        assertThat(returned.json().get("amount").get("amountMinor").asLong()).isEqualTo(600_000);
        assertThat(returned.json().get("postingKey").asString()).startsWith("deposit-return:");
        assertThat(exposure.balance(AccountType.RISK_DEPOSIT, shop.id())).isEqualTo(Money.fen(0));
        assertThat(exposure.balance(AccountType.RISK_DEPOSIT_HELD, shop.id())).isEqualTo(Money.fen(0));
        assertThat(operator.post(path, body, "ret-" + UUID.randomUUID()).code()).isEqualTo("nothing-to-return");

        var exposed = testMerchants.activeMerchant(Sector.BEAUTY, REGION);
        lodge(exposed.id(), 600_000);
        exposure.advance(exposed.id(), 100_000, 50_000);
        merchants.close(operatorActor, exposed.id(), "absconded");
        assertThat(operator.post("/api/v1/protection/merchants/" + exposed.id() + "/deposit-return", body,
                "ret-" + UUID.randomUUID()).code()).isEqualTo("exposure-outstanding");
        assertThat(exposure.balance(AccountType.RISK_DEPOSIT, exposed.id())).isEqualTo(Money.fen(600_000));
    }

    @Test
    void operatorsChangeTheRuleOfASector() {
        var original = deposits.rules(testMerchants.operator()).stream()
                .filter(r -> r.sector() == Sector.OTHER_SERVICES).findFirst().orElseThrow();
        var changed = operator.put("/api/v1/protection/deposit-rules/OTHER_SERVICES",
                Map.of("floor", Map.of("amountMinor", 250_000, "currency", "CNY"), "shareBps", 2500));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("shareBps").asInt()).isEqualTo(2500);
        assertThat(operator.put("/api/v1/protection/deposit-rules/OTHER_SERVICES",
                Map.of("floor", Map.of("amountMinor", 250_000, "currency", "CNY"), "shareBps", 10_001)).status())
                .isEqualTo(400);
        assertThat(operator.put("/api/v1/protection/deposit-rules/OTHER_SERVICES",
                Map.of("floor", Map.of("amountMinor", -1, "currency", "CNY"), "shareBps", 100)).code())
                .isEqualTo("invalid-input");
        deposits.changeRule(testMerchants.operator(), Sector.OTHER_SERVICES, original.floor(), original.shareBps());
    }

    @Test
    void refusesBadDepositsWithoutWritingAnything() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, REGION);
        assertThat(lodge(gym.id(), 0).status()).isEqualTo(400);
        assertThat(lodge(UUID.randomUUID(), 1000).status()).isEqualTo(404);
        assertThat(operator.post("/api/v1/protection/deposits", Map.of("merchantId", gym.id().toString(),
                "amount", Map.of("amountMinor", 1000, "currency", "CNY"), "reference", "no key")).code())
                .isEqualTo("idempotency-key-missing");
        var pending = testMerchants.pendingMerchant(Sector.SPORTS_FITNESS, REGION);
        assertThat(lodge(pending.id(), 1000).code()).isEqualTo("merchant-not-accepted");
        assertThat(exposure.balance(AccountType.RISK_DEPOSIT, gym.id())).isEqualTo(Money.fen(0));
    }
}
