package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.complaint.ComplaintCategory;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.ComplaintSubject;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Ratings through the API: explainable factors, who may see them, overrides, tables, a rating run. */
class RiskScoringTests extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired RiskScores scores;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;
    @Autowired Products products;

    TestMerchants testMerchants;
    FeedClient provider;
    YearMonth lastMonth;

    @BeforeEach
    void setUp() {
        testMerchants = new TestMerchants(merchants, accounts);
        provider = new FeedClient(port, new RiskFixtures(context).providerKey());
        lastMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), RiskScores.ZONE)).minusMonths(1);
    }

    static JsonNode factor(JsonNode view, String name) {
        return StreamSupport.stream(view.get("factors").spliterator(), false)
                .filter(f -> f.get("factor").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSteadyMerchantScoresFullMarksAndFallsWhenItsHeadcountGoesToZero() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String code = gym.merchant().creditCode();
        assertThat(provider.pushCsv(RiskFixtures.HEADER + RiskFixtures.steadyYear(code, lastMonth.minusMonths(1), 900_000, 10, 2_500))
                .status()).isEqualTo(201);
        scores.rate(gym.id());
        Api owner = api().as(gym.owner());
        var mine = owner.get("/api/v1/risk/mine");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("scoreCenti").asInt()).isEqualTo(10_000);
        assertThat(mine.json().get("tier").asString()).isEqualTo("B");
        assertThat(mine.json().get("pendingUpTo").asString()).isEqualTo("A");
        assertThat(mine.json().get("factors").size()).isEqualTo(15);
        assertThat(factor(mine.json(), "HEADCOUNT").get("source").asString()).isEqualTo("feed.SOCIAL_INSURANCE_HEADCOUNT");
        assertThat(mine.json().get("terms").get("supervisionRatioBp").asInt()).isEqualTo(4000);

        String bad = RiskFixtures.HEADER + RiskFixtures.monthly(code, "SOCIAL_INSURANCE_HEADCOUNT", lastMonth, 0)
                + RiskFixtures.monthly(code, "TAX_PAID", lastMonth, 0)
                + RiskFixtures.monthly(code, "TAX_ARREARS", lastMonth, 2_000_000);
        assertThat(provider.pushCsv(bad).status()).isEqualTo(201);
        scores.rate(gym.id());
        var after = owner.get("/api/v1/risk/mine").json();
        var headcount = factor(after, "HEADCOUNT");
        assertThat(headcount.get("value").asLong()).isEqualTo(10_000);
        assertThat(headcount.get("contributionCenti").asInt()).isEqualTo(2_500);
        assertThat(factor(after, "TAX_ARREARS").get("contributionCenti").asInt()).isEqualTo(2_000);
        assertThat(after.get("scoreCenti").asInt()).isLessThan(6_000);
        Api operator = api().as(users.create(Role.OPERATOR));
        var alerts = operator.get("/api/v1/risk/alerts?merchantId=" + gym.id()).json();
        assertThat(StreamSupport.stream(alerts.spliterator(), false).map(a -> a.get("factor").asString()))
                .contains("HEADCOUNT", "TAX_ARREARS");
        // codes for machines, and the detail in the caller's language (stored as a message key and arguments)
        assertThat(StreamSupport.stream(alerts.spliterator(), false).map(a -> a.get("detailText").asString()))
                .anyMatch(text -> text.startsWith("社保人数下降：100.00%（社保数据，截至 "));
        var history = owner.get("/api/v1/risk/merchants/" + gym.id() + "/history?days=30").json();
        assertThat(history.size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theMerchantSeesOnlyItsOwnRiskAndASectorRegulatorOnlyItsSector() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var school = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        scores.rate(gym.id());
        String path = "/api/v1/risk/merchants/" + gym.id();
        assertThat(api().as(gym.owner()).get(path).status()).isEqualTo(200);
        assertThat(api().as(testMerchants.staff(gym.id())).get(path).status()).isEqualTo(200);
        assertThat(api().as(school.owner()).get(path).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.REGULATOR, null, "EDUCATION")).get(path).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.REGULATOR, null, "SPORTS_FITNESS")).get(path).status()).isEqualTo(200);
        assertThat(api().as(users.create(Role.REGULATOR)).get(path).status()).isEqualTo(200);
        assertThat(api().as(users.create(Role.CONSUMER)).get(path).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.INSURER)).get("/api/v1/risk/distribution").status()).isEqualTo(403);
        assertThat(api().get(path).status()).isEqualTo(401);
    }

    @Test
    void anOperatorOverridesTheTierWithAReasonUntilAnExpiryAndTheTermsFollow() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        scores.rate(gym.id());
        Api operator = api().as(users.create(Role.OPERATOR));
        String path = "/api/v1/risk/merchants/" + gym.id() + "/override";
        Instant until = clock.instant().plus(10, ChronoUnit.DAYS);
        var missingReason = operator.post(path, Map.of("tier", "D", "until", until.toString()));
        assertThat(missingReason.status()).isEqualTo(400);
        var past = operator.post(path, Map.of("tier", "D", "reason", "现场检查发现停业", "until", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(api().as(users.create(Role.REGULATOR)).post(path, Map.of("tier", "D", "reason", "x", "until", until.toString()))
                .status()).isEqualTo(403);
        var set = operator.post(path, Map.of("tier", "D", "reason", "现场检查发现停业", "until", until.toString()));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("tier").asString()).isEqualTo("D");
        assertThat(set.json().get("override").get("reason").asString()).isEqualTo("现场检查发现停业");
        assertThat(set.json().get("terms").get("salesBlocked").asBoolean()).isTrue();
        assertThat(set.json().get("terms").get("supervisionRatioBp").asInt()).isEqualTo(10_000);
        var cleared = operator.delete(path);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("tier").asString()).isEqualTo("B");
        assertThat(cleared.json().get("terms").get("salesBlocked").asBoolean()).isFalse();
    }

    @Test
    void operatorsVersionTheWeightTableAndEveryoneEntitledReadsIt() {
        Api operator = api().as(users.create(Role.OPERATOR));
        var changed = operator.put("/api/v1/risk/weights/BEAUTY/COURT", Map.of("weight", 30, "okAt", 0, "badAt", 2,
                "reason", "美容行业诉讼多发"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("origin").asString()).isEqualTo("BEAUTY");
        assertThat(changed.json().get("weight").asInt()).isEqualTo(30);
        var read = api().as(users.create(Role.REGULATOR)).get("/api/v1/risk/weights?sector=BEAUTY");
        assertThat(read.body()).contains("美容行业诉讼多发");
        assertThat(operator.put("/api/v1/risk/weights/BEAUTY/COURT", Map.of("weight", 30, "okAt", 2, "badAt", 2,
                "reason", "x")).status()).isEqualTo(400);
        assertThat(operator.put("/api/v1/risk/weights/BEAUTY/WEATHER", Map.of("weight", 3, "okAt", 0, "badAt", 2,
                "reason", "x")).code()).isEqualTo("invalid-input");
        assertThat(api().as(users.create(Role.REGULATOR)).put("/api/v1/risk/weights/BEAUTY/COURT", Map.of("weight", 3,
                "okAt", 0, "badAt", 2, "reason", "x")).status()).isEqualTo(403);
        var consequence = operator.put("/api/v1/risk/consequences/410200/BEAUTY/C", Map.of("supervisionRatioBp", 7000,
                "source", "开封美容行业 C级 70%"));
        assertThat(consequence.status()).as(consequence.body()).isEqualTo(200);
        assertThat(consequence.json().get("version").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRatingRunRatesEveryActiveMerchant() {
        var gym = testMerchants.activeMerchant(Sector.CATERING, "410200");
        Api operator = api().as(users.create(Role.OPERATOR));
        var run = operator.post("/api/v1/risk/rating-runs", null);
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("rated").asInt()).isPositive();
        assertThat(operator.get("/api/v1/risk/merchants/" + gym.id()).status()).isEqualTo(200);
        var distribution = operator.get("/api/v1/risk/distribution");
        assertThat(distribution.json().get("rated").asLong()).isPositive();
    }

    @Test
    void aComplaintFiledOnThePlatformCountsOnceAndItsUpheldEndIsKeptForTheBadge() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        scores.rate(gym.id());
        Api owner = api().as(gym.owner());
        assertThat(factor(owner.get("/api/v1/risk/mine").json(), "COMPLAINTS").get("value").asLong()).isZero();
        UUID complaintId = UUID.randomUUID();
        Instant filedAt = clock.instant();
        ComplaintFiled filed = new ComplaintFiled(complaintId, "TS-" + complaintId.toString().substring(0, 8), gym.id(),
                UUID.randomUUID(), ComplaintCategory.REFUND_REFUSED, ComplaintSubject.MERCHANT, "PLATFORM", "410200",
                "SPORTS_FITNESS", filedAt);
        transactions.executeWithoutResult(s -> events.publishEvent(filed));
        transactions.executeWithoutResult(s -> events.publishEvent(filed)); // redelivered: counts once
        await().atMost(Duration.ofSeconds(60)).until(() ->
                factor(owner.get("/api/v1/risk/mine").json(), "COMPLAINTS").get("value").asLong() == 1);

        transactions.executeWithoutResult(s -> events.publishEvent(new ComplaintResolved(complaintId, filed.caseNumber(),
                gym.id(), filed.consumerId(), ComplaintOutcome.AGREEMENT_PERFORMED, true, filedAt, clock.instant())));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from risk.complaint where complaint_id = :id and upheld_on is not null")
                .param("id", complaintId).query(Long.class).single() == 1);
        scores.rate(gym.id());
        assertThat(factor(owner.get("/api/v1/risk/mine").json(), "COMPLAINTS").get("value").asLong()).isEqualTo(1);
        assertThat(owner.get("/api/v1/risk/mine").json().get("badge").asBoolean()).isFalse();
    }

    /**
     * Tier A's lower ratio replaces only the platform default (the national row's 40 %): a Beijing gym's adult packs are
     * sold at 30 %, its packs for minors keep the youth sports rule's 100 % (a relief never lowers a rule's own ratio).
     */
    @Test
    void tierAsLowerRatioReliefsThePlatformDefaultButNeverARegionsOwnRatio() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "110105");
        scores.rate(gym.id());
        var set = api().as(users.create(Role.OPERATOR)).post("/api/v1/risk/merchants/" + gym.id() + "/override",
                Map.of("tier", "A", "reason", "抽查良好", "until", clock.instant().plus(30, ChronoUnit.DAYS).toString()));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("terms").get("supervisionRatioBp").asInt()).isEqualTo(3_000);

        ProductView adults = products.create(gym.ownerActor(), pack(gym, Audience.ADULTS));
        ProductView minors = products.create(gym.ownerActor(), pack(gym, Audience.MINORS));

        assertThat(products.supervisionRatio(adults.id()).bp()).isEqualTo(3_000);
        assertThat(products.findContractVersion(adults.currentVersionId()).orElseThrow().content().supervisionRatioBp())
                .as("the contract states the ratio the purchase keeps").isEqualTo(3_000);
        assertThat(products.supervisionRatio(minors.id()).bp()).as("京体产业字〔2023〕12号").isEqualTo(10_000);
    }

    private static ProductDraft pack(TestMerchants.Created gym, Audience audience) {
        return new ProductDraft((audience == Audience.MINORS ? "青少年课包 " : "成人课包 ") + UUID.randomUUID().toString().substring(0, 6), null,
                ProductKind.SESSION_PACK, Money.yuan(1_000), null, null, 20, Term.months(3),
                List.of(gym.merchant().stores().get(0).id()), new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true,
                "闭店时按剩余价值全额退款", "协商; 不成向消费者协会申请调解", null), audience);
    }
}
