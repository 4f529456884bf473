package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Feeds through the real push API: all-or-nothing, quarantine, repeats and corrections, list status → flags. */
class RiskFeedApiTests extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired JdbcClient jdbc;

    TestMerchants testMerchants;
    RiskFixtures fixtures;
    FeedClient provider;
    YearMonth lastMonth;

    @BeforeEach
    void setUp() {
        testMerchants = new TestMerchants(merchants, accounts);
        fixtures = new RiskFixtures(context);
        provider = new FeedClient(port, fixtures.providerKey());
        lastMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), RiskScores.ZONE)).minusMonths(1);
    }

    long records(UUID merchantId) {
        return jdbc.sql("select count(*) from risk.feed_record where merchant_id = :m").param("m", merchantId)
                .query(Long.class).single();
    }

    @Test
    void aProviderPushesAFileOnceAndARepeatChangesNothing() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String code = gym.merchant().creditCode();
        String csv = RiskFixtures.HEADER + RiskFixtures.steadyYear(code, lastMonth, 1_200_000, 12, 3_000);
        Api.Response first = provider.pushCsv(csv);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("records").asInt()).isEqualTo(36);
        assertThat(first.json().get("imported").asInt()).isEqualTo(36);
        assertThat(first.json().get("provider").asString()).startsWith("tax-bureau-");

        Api.Response again = provider.pushCsv(csv);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("repeated").asBoolean()).isTrue();
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());

        // the same records in another file (another header order) change nothing; one changed value is a correction
        String reordered = "type,creditCode,period,value\n" + "TAX_PAID," + code + "," + lastMonth + ",1200000\n"
                + "TAX_PAID," + code + "," + lastMonth.minusMonths(1) + ",1100000\n";
        Api.Response corrected = provider.pushCsv(reordered);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(corrected.json().get("corrected").asInt()).isEqualTo(1);
        assertThat(records(gym.id())).isEqualTo(36);
        assertThat(jdbc.sql("""
                select c.value from risk.feed_correction c join risk.feed_record r on r.id = c.record_id
                 where r.merchant_id = :m
                """).param("m", gym.id()).query(Long.class).list()).containsExactly(1_200_000L);
    }

    @Test
    void aMalformedLineRefusesTheWholeFileNamingIt() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String code = gym.merchant().creditCode();
        String csv = RiskFixtures.HEADER + RiskFixtures.monthly(code, "TAX_PAID", lastMonth, 100)
                + code + ",SOCIAL_INSURANCE_HEADCOUNT," + lastMonth + ",十二,,,\n";
        Api.Response refused = provider.pushCsv(csv);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("feed-malformed");
        assertThat(refused.json().get("line").asInt()).isEqualTo(3);
        assertThat(refused.json().get("field").asString()).isEqualTo("value");
        assertThat(records(gym.id())).as("nothing half-imported").isZero();

        Api.Response text = provider.pushJson("{\"records\": [{\"creditCode\": \"" + code
                + "\", \"type\": \"TAX_PAID\", \"period\": \"" + lastMonth + "\", \"value\": \"100\"}]}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("field").asString()).isEqualTo("value");
        Api.Response format = provider.push("text/plain", "x".getBytes(), "x.txt");
        assertThat(format.status()).isEqualTo(415);
        assertThat(format.code()).isEqualTo("unsupported-feed-format");
    }

    @Test
    void unknownCreditCodesAreQuarantinedAndReleasedOnceTheMerchantRegisters() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var application = testMerchants.application(Sector.RETAIL, "410200");
        String newcomer = application.creditCode();
        String csv = RiskFixtures.HEADER + RiskFixtures.monthly(gym.merchant().creditCode(), "TAX_PAID", lastMonth, 100)
                + RiskFixtures.monthly(newcomer, "TAX_PAID", lastMonth, 900);
        Api.Response pushed = provider.pushCsv(csv);
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(201);
        assertThat(pushed.json().get("imported").asInt()).isEqualTo(1);
        assertThat(pushed.json().get("quarantined").asInt()).isEqualTo(1);

        Api operator = api().as(users.create(Role.OPERATOR));
        var held = operator.get("/api/v1/risk/quarantine?open=true&limit=200");
        assertThat(held.status()).isEqualTo(200);
        var entry = java.util.stream.StreamSupport.stream(held.json().spliterator(), false)
                .filter(q -> q.get("creditCode").asString().equals(newcomer)).findFirst().orElseThrow();
        assertThat(entry.get("reason").asString()).isEqualTo("risk.quarantine.reason.unknownCreditCode");
        String id = entry.get("id").asString();

        Api.Response early = operator.post("/api/v1/risk/quarantine/" + id + "/release", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("credit-code-still-unknown");

        var registered = testMerchants.pendingMerchant(application);
        Api.Response released = operator.post("/api/v1/risk/quarantine/" + id + "/release", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().get("resolution").asString()).isEqualTo("RELEASED");
        assertThat(records(registered.id())).isEqualTo(1);
        assertThat(operator.post("/api/v1/risk/quarantine/" + id + "/release", null).code()).isEqualTo("quarantine-resolved");
        // the same unknown record again is held once more (a new open entry), never imported for someone else
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/risk/quarantine").status()).isEqualTo(403);
    }

    @Test
    void listRecordsSetAndClearTheFlagsWithTheFeedAsSourceAndRaiseAnAlert() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String code = gym.merchant().creditCode();
        String listed = RiskFixtures.HEADER + RiskFixtures.dated(code, "DISHONEST_DEBTOR",
                LocalDate.ofInstant(clock.instant(), RiskScores.ZONE).toString(), "LISTED", "(2026)豫0205执" + System.nanoTime());
        assertThat(provider.pushCsv(listed).status()).isEqualTo(201);
        var flagged = merchants.find(gym.id()).orElseThrow();
        assertThat(flagged.flags().dishonestDebtor()).isTrue();
        assertThat(merchants.history(testMerchants.operator(), gym.id()))
                .anyMatch(h -> h.event().equals("FLAGS_CHANGED") && h.actor().equals("system:risk-feed"));
        Api operator = api().as(users.create(Role.OPERATOR));
        // the source is shown in the reader's words, never as list codes
        var lines = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        operator.get("/api/v1/merchants/" + gym.id() + "/history").json().forEach(h -> {
            if (h.get("event").asString().equals("FLAGS_CHANGED")) {
                lines.add(h);
            }
        });
        var line = lines.get(lines.size() - 1);
        assertThat(line.get("detail").asString()).isEqualTo("列入失信被执行人名单。");
        assertThat(line.get("reason").asString()).contains("「失信被执行人」列入").contains("(2026)豫0205执")
                .doesNotContain("DISHONEST_DEBTOR").doesNotContain("LISTED");
        var alerts = operator.get("/api/v1/risk/alerts?merchantId=" + gym.id());
        assertThat(alerts.body()).contains("LIST_HIT");

        String removed = RiskFixtures.HEADER + RiskFixtures.dated(code, "DISHONEST_DEBTOR",
                LocalDate.ofInstant(clock.instant(), RiskScores.ZONE).toString(), "REMOVED", "(2026)豫0205执结" + System.nanoTime());
        assertThat(provider.pushCsv(removed).status()).isEqualTo(201);
        assertThat(merchants.find(gym.id()).orElseThrow().flags().dishonestDebtor()).isFalse();
    }

    @Test
    void onlyProvidersPushAndOnlyOperatorsUpload() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String csv = RiskFixtures.HEADER + RiskFixtures.monthly(gym.merchant().creditCode(), "TAX_PAID", lastMonth, 7);
        assertThat(new FeedClient(port, null).pushCsv(csv).status()).isEqualTo(401);
        assertThat(new FeedClient(port, "fxk_not-a-key").pushCsv(csv).status()).isEqualTo(401);
        Api consumer = api().as(users.create(Role.CONSUMER));
        assertThat(consumer.post("/api/v1/risk/feeds", Map.of("records", java.util.List.of())).status()).isEqualTo(403);
        assertThat(api().as(gym.owner()).get("/api/v1/risk/feeds").status()).isEqualTo(403);
    }
}
