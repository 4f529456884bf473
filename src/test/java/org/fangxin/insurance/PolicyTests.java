package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Insurers, products and policies through the API; insured cover by scope. */
class PolicyTests extends InsuranceTest {

    /** Lankao county (Kaifeng): only this class puts merchants and region policies here. */
    static final String REGION = "410225";

    @Autowired
    org.fangxin.identity.ApiKeys apiKeys;
    @Autowired
    org.fangxin.catalog.Products products;
    @Autowired
    org.fangxin.payment.Payments payments;
    @Autowired
    org.fangxin.payment.sandbox.SandboxGateway sandbox;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    org.fangxin.testing.TestCards cards;

    @BeforeEach
    void fixtures() {
        cards = new org.fangxin.testing.TestCards(products, payments, sandbox, jdbc, users, this::api);
    }

    @Test
    void operatorRegistersAnInsurerWhoseMembersDefineProducts() {
        Api operator = api().as(users.create(Role.OPERATOR));
        String licence = "LIC-API-" + System.nanoTime();
        var created = operator.post("/api/v1/insurance/insurers", Map.of("name", "人保财险开封分公司", "licenceNo", licence));
        assertThat(created.status()).isEqualTo(201);
        String insurerId = created.json().get("id").asString();
        assertThat(operator.post("/api/v1/insurance/insurers", Map.of("name", "Copy", "licenceNo", licence)).code())
                .isEqualTo("insurer-licence-taken");

        var login = users.create(Role.INSURER);
        assertThat(operator.post("/api/v1/insurance/insurers/" + insurerId + "/members",
                Map.of("userId", login.id().toString())).status()).isEqualTo(200);
        var consumer = users.create(Role.CONSUMER);
        assertThat(operator.post("/api/v1/insurance/insurers/" + insurerId + "/members",
                Map.of("userId", consumer.id().toString())).code()).isEqualTo("invalid-input");

        Api insurer = api().as(login);
        Map<String, Object> product = Map.of("name", "放心消费险",
                "triggers", List.of("BANKRUPTCY", "LICENCE_REVOKED", "CLOSURE_CONFIRMED", "MEDIATION_FAILED"),
                "rates", List.of(Map.of("sector", "SPORTS_FITNESS", "tier", "B", "rateBps", 120),
                        Map.of("sector", "EDUCATION", "tier", "A", "rateBps", 80)),
                "aggregateLimit", Map.of("amountMinor", 3_000_000_000L, "currency", "CNY"),
                "perMerchantLimit", Map.of("amountMinor", 5_000_000, "currency", "CNY"),
                "perConsumerLimit", Map.of("amountMinor", 500_000, "currency", "CNY"));
        var defined = insurer.post("/api/v1/insurance/products", product);
        assertThat(defined.status()).isEqualTo(201);
        assertThat(defined.json().get("insurerId").asString()).isEqualTo(insurerId);
        assertThat(defined.json().get("rates").size()).isEqualTo(2);
        assertThat(insurer.get("/api/v1/insurance/products").json().size()).isEqualTo(1);
        assertThat(insurer.get("/api/v1/insurance/insurers").json().get(0).get("id").asString()).isEqualTo(insurerId);

        var duplicateRate = new java.util.HashMap<>(product);
        duplicateRate.put("rates", List.of(Map.of("sector", "BEAUTY", "tier", "B", "rateBps", 1),
                Map.of("sector", "BEAUTY", "tier", "B", "rateBps", 2)));
        assertThat(insurer.post("/api/v1/insurance/products", duplicateRate).code()).isEqualTo("invalid-input");
    }

    @Test
    void refusesCostSharingThatDoesNotSumTo10000() {
        var a = fixtures.insurer(120, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        Api operator = api().as(users.create(Role.OPERATOR));
        var start = policies.today();
        var response = operator.post("/api/v1/insurance/policies", Map.of("productId", a.product().id().toString(),
                "scope", "MERCHANT", "merchantIds", List.of(gym.id().toString()), "policyholder", "Test holder",
                "startsOn", start.toString(), "endsOn", start.plusYears(1).toString(),
                "costSharing", Map.of("merchantBps", 5000, "platformBps", 3000, "governmentBps", 1999)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("costSharing");
        var noMerchant = operator.post("/api/v1/insurance/policies", Map.of("productId", a.product().id().toString(),
                "scope", "GROUP", "merchantIds", List.of(UUID.randomUUID().toString()), "policyholder", "Test holder",
                "startsOn", start.toString(), "endsOn", start.plusYears(1).toString(),
                "costSharing", Map.of("merchantBps", 10000, "platformBps", 0, "governmentBps", 0)));
        assertThat(noMerchant.json().get("field").asString()).isEqualTo("merchantIds");
        assertThat(policies.covering(gym.id())).isEmpty();
    }

    @Test
    void insurersSeeOnlyTheirOwnPolicies() {
        var a = fixtures.insurer(120, Money.yuan(50_000));
        var b = fixtures.insurer(150, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var policy = fixtures.policy(a.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(10_000, 0, 0));

        Api insurerA = api().as(a.login());
        Api insurerB = api().as(b.login());
        assertThat(insurerA.get("/api/v1/insurance/policies/" + policy.id()).status()).isEqualTo(200);
        assertThat(insurerB.get("/api/v1/insurance/policies/" + policy.id()).status()).isEqualTo(404);
        assertThat(insurerB.get("/api/v1/insurance/policies").body()).doesNotContain(policy.id().toString());
        assertThat(insurerB.get("/api/v1/insurance/products/" + a.product().id()).status()).isEqualTo(404);
        assertThat(insurerB.get("/api/v1/insurance/insurers/" + a.insurer().id()).status()).isEqualTo(404);
        assertThat(insurerA.get("/api/v1/insurance/policies").body()).contains(policy.policyNumber());
        assertThat(api().as(gym.owner()).get("/api/v1/insurance/policies/" + policy.id()).status()).isEqualTo(200);
        var other = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        assertThat(api().as(other.owner()).get("/api/v1/insurance/policies/" + policy.id()).status()).isEqualTo(404);
    }

    /**
     * Issue 13, item 8: a claim goes to one policy (the oldest that covers the merchant), so cover never adds several
     * policies' limits; it is cut by that policy's per-merchant limit, its per-consumer limit over the holders of live
     * cards, and what is left of its aggregate limit this policy year.
     */
    @Test
    void insuredCoverIsWhatAClaimOnTheOnePolicyWouldRecover() {
        var a = fixtures.insurer(120, Money.yuan(10_000)); // per consumer 5,000 yuan
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        for (int i = 0; i < 3; i++) {
            cards.buyPass(gym, Money.yuan(9_000)); // 60% advanced: 5,400 yuan each
        }
        assertThat(policies.insuredCover(gym.id())).isEqualTo(Money.fen(0));
        fixtures.policy(a.product(), PolicyScope.MERCHANT, List.of(gym.id()), null, new CostSharing(10_000, 0, 0));
        assertThat(policies.exposure(gym.id())).isEqualTo(Money.yuan(16_200));
        assertThat(policies.insuredCover(gym.id())).isEqualTo(Money.yuan(10_000));

        var b = fixtures.insurer(120, Money.yuan(50_000));
        clock.advance(java.time.Duration.ofSeconds(1)); // policies are ordered by issue time: B is the younger one
        var single = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        cards.buyPass(single, Money.yuan(9_000));
        fixtures.policy(b.product(), PolicyScope.GROUP, List.of(single.id(), gym.id()), null, new CostSharing(0, 10_000, 0));
        assertThat(policies.insuredCover(gym.id())).as("the claim would still go to the older policy alone")
                .isEqualTo(Money.yuan(10_000));
        assertThat(policies.insuredCover(single.id())).as("one consumer: the per-consumer limit").isEqualTo(Money.yuan(5_000));
    }

    @Test
    void insuredCoverIsWhatIsLeftOfTheAggregateLimitThisPolicyYear() {
        var login = fixtures.insurer(120, Money.yuan(50_000)).login();
        var rates = java.util.Arrays.stream(Sector.values()).map(s -> new ProductRate(s, RiskTier.B, 100)).toList();
        var small = insurers.defineProduct(login.actor(), new NewProduct(null, "小额 aggregate " + java.util.UUID.randomUUID(),
                java.util.EnumSet.of(ClosureTrigger.CLOSURE_CONFIRMED), rates, Money.yuan(6_000), Money.yuan(5_000),
                Money.yuan(5_000)));
        var closed = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        var open = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        cards.buyPass(open, Money.yuan(9_000));
        cards.buyPass(open, Money.yuan(9_000));
        fixtures.policy(small, PolicyScope.GROUP, List.of(closed.id(), open.id()), null, new CostSharing(0, 10_000, 0));
        assertThat(policies.insuredCover(open.id())).isEqualTo(Money.yuan(5_000));

        java.util.UUID caseId = java.util.UUID.randomUUID();
        java.util.UUID card = new CompensationLedger(ledger).fundPaid(caseId, closed.id(), 400_000);
        claims.file(new NewClaim(caseId, closed.id(), ClosureTrigger.CLOSURE_CONFIRMED, policies.today(),
                List.of(new NewClaim.Line(card, java.util.UUID.randomUUID(), Money.yuan(4_000)))));

        assertThat(policies.insuredCover(open.id())).isEqualTo(Money.yuan(2_000));
    }

    @Test
    void aPolicyThatStartsLaterHasItsWholeAggregateLeft() {
        var insurer = fixtures.insurer(100, Money.yuan(50_000));
        var merchant = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        java.time.LocalDate start = policies.today().plusMonths(2).withDayOfMonth(1);
        var later = policies.issue(fixtures.operator(), new NewPolicy(insurer.product().id(), PolicyScope.GROUP,
                List.of(merchant.id()), null, "测试投保人", start, start.plusYears(1).minusDays(1), new CostSharing(0, 10_000, 0)));
        assertThat(claimFigures.aggregateRemaining(later.id(), policies.today())).isEqualTo(insurer.product().aggregateLimit());
    }

    @Test
    void aRegionPolicyCoversEveryMerchantOfTheRegion() {
        var kaifeng = fixtures.insurer(100, Money.yuan(50_000));
        var first = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, REGION);
        var second = testMerchants.activeMerchant(Sector.EDUCATION, REGION);
        var outside = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410226");
        cards.buyPass(first, Money.yuan(5_000)); // 3,000 yuan advanced
        for (var m : List.of(second, outside)) {
            exposure.advance(m.id(), 1_000_000, 600_000);
        }
        var policy = fixtures.policy(kaifeng.product(), PolicyScope.REGION, List.of(), REGION, new CostSharing(0, 0, 10_000));
        assertThat(policy.policyholder()).contains("市场监督管理局");
        assertThat(policies.covering(first.id())).extracting(PolicyView::id).contains(policy.id());
        assertThat(policies.covering(second.id())).extracting(PolicyView::id).contains(policy.id());
        assertThat(policies.covering(outside.id())).extracting(PolicyView::id).doesNotContain(policy.id());
        assertThat(policies.insuredCover(first.id())).isEqualTo(Money.yuan(3_000));
        assertThat(policies.insuredCover(outside.id())).isEqualTo(Money.fen(0));
        // A merchant that joins the region later is covered too.
        var late = testMerchants.activeMerchant(Sector.BEAUTY, REGION);
        assertThat(policies.covering(late.id())).extracting(PolicyView::id).contains(policy.id());
        assertThat(api().as(late.owner()).get("/api/v1/insurance/policies").body()).contains(policy.policyNumber());
    }

    @Test
    void anInsurersSystemSeesItsPoliciesThroughAnApiKey() throws Exception {
        var a = fixtures.insurer(120, Money.yuan(50_000));
        var b = fixtures.insurer(120, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var own = fixtures.policy(a.product(), PolicyScope.MERCHANT, List.of(gym.id()), null, new CostSharing(10_000, 0, 0));
        var foreign = fixtures.policy(b.product(), PolicyScope.MERCHANT, List.of(gym.id()), null, new CostSharing(10_000, 0, 0));
        var system = users.create(Role.INSURER);
        insurers.link(fixtures.operator(), a.insurer().id(), system.id());
        String key = apiKeys.create(fixtures.operator(), system.id(), "core system").key();
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .header("X-Api-Key", key).header("Accept", "application/json").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var list = get.apply("/api/v1/insurance/policies");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(own.policyNumber()).doesNotContain(foreign.policyNumber());
        assertThat(get.apply("/api/v1/insurance/policies/" + foreign.id()).statusCode()).isEqualTo(404);
    }
}
