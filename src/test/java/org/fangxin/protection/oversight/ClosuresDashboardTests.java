package org.fangxin.protection.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.Closures;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The closures dashboard reads each case's money from the ledger by the contract's posting keys. */
class ClosuresDashboardTests extends IntegrationTest {

    /** Each scenario in its own (test-only) region code, so the region's totals are exactly the scenario's. */
    static final java.util.concurrent.atomic.AtomicInteger REGIONS = new java.util.concurrent.atomic.AtomicInteger(10);

    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Closures closures;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A confirmed gym closure with two compensated cards, a partly paid claim, a recovery and a write-off. */
    record Scenario(UUID gymCase, UUID schoolCase, String region) { }

    /** A region 4199xx no merchant is in yet: the group figures count every case of the region (databases are reused). */
    String unusedRegion() {
        for (int i = 0; i < 100; i++) {
            String region = "4199" + String.format("%02d", REGIONS.incrementAndGet() % 100);
            if (jdbc.sql("select count(*) from merchant.merchant where region_code = :region").param("region", region)
                    .query(Long.class).single() == 0) {
                return region;
            }
        }
        throw new IllegalStateException("every test region 4199xx is used: reset the test database");
    }

    Scenario scenario() {
        String region = unusedRegion();
        TestMerchants testMerchants = new TestMerchants(merchants, accounts);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, region);
        var school = testMerchants.activeMerchant(Sector.EDUCATION, region);
        Actor operator = users.create(Role.OPERATOR).actor();
        UUID gymCase = closures.mark(operator, gym.id(), "门店人去楼空").id();
        closures.confirm(operator, gymCase, "现场核查确认闭店");
        UUID schoolCase = closures.mark(operator, school.id(), "多名家长反映停课").id();
        ClosureMoney money = new ClosureMoney(ledger);
        money.fundTopUp(50_000);
        money.compensatedCard(gymCase, gym.id(), 10_000, 3_000, 20_000);
        money.compensatedCard(gymCase, gym.id(), 5_000, 0, 0);
        money.claim(gymCase, gym.id(), UUID.randomUUID(), 15_000, 12_000);
        Api api = api().as(users.create(Role.OPERATOR));
        assertThat(api.post("/api/v1/protection/subrogation/" + gymCase + "/recoveries",
                Map.of("amount", Map.of("amountMinor", 2_000, "currency", "CNY"), "reference", "追回"), UUID.randomUUID().toString())
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/protection/subrogation/" + gymCase + "/write-offs",
                Map.of("amount", Map.of("amountMinor", 1_000, "currency", "CNY"), "reason", "无法追回"), UUID.randomUUID().toString())
                .status()).isEqualTo(201);
        return new Scenario(gymCase, schoolCase, region);
    }

    static long fen(JsonNode figures, String field) {
        return figures.get(field).get("amountMinor").asLong();
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asString().equals(value)) {
                return node;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }

    @Test
    void eachCaseShowsCompensationBySourceAndWhatWasRecoveredLostAndStillOpenFromTheLedger() {
        Scenario s = scenario();
        Api.Response response = api().as(users.create(Role.REGULATOR)).get("/api/v1/protection/oversight/closures");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode gym = find(response.json().get("cases"), "caseId", s.gymCase().toString()).get("figures");
        assertThat(gym.get("cardsAffected").asLong()).isEqualTo(2);
        assertThat(gym.get("cardsCompensated").asLong()).isEqualTo(2);
        assertThat(fen(gym, "compensated")).isEqualTo(38_000);
        assertThat(fen(gym, "fromEscrow")).isEqualTo(15_000);
        assertThat(fen(gym, "fromDeposit")).isEqualTo(3_000);
        assertThat(fen(gym, "fromFund")).isEqualTo(20_000);
        assertThat(fen(gym, "fromInsurer")).isEqualTo(12_000);
        assertThat(fen(gym, "insurerOwes")).isEqualTo(3_000);
        assertThat(fen(gym, "fromMerchant")).isEqualTo(2_000);
        assertThat(fen(gym, "lost")).isEqualTo(1_000);
        assertThat(fen(gym, "stillOpen")).isEqualTo(2_000);
        // What the fund paid is accounted for exactly: insurer paid + insurer owes + merchant + lost + still open.
        assertThat(fen(gym, "fromInsurer") + fen(gym, "insurerOwes") + fen(gym, "fromMerchant") + fen(gym, "lost")
                + fen(gym, "stillOpen")).isEqualTo(fen(gym, "fromFund"));
        assertThat(fen(gym, "fromEscrow") + fen(gym, "fromDeposit") + fen(gym, "fromFund")).isEqualTo(fen(gym, "compensated"));

        JsonNode school = find(response.json().get("cases"), "caseId", s.schoolCase().toString());
        assertThat(school.get("status").asString()).isEqualTo("SUSPECTED");
        assertThat(fen(school.get("figures"), "compensated")).isZero();

        JsonNode region = find(response.json().get("byRegion"), "key", s.region()).get("figures");
        assertThat(region.get("cases").asLong()).isEqualTo(2);
        assertThat(fen(region, "compensated")).isEqualTo(38_000);
        assertThat(fen(region, "lost")).isEqualTo(1_000);
        JsonNode sports = find(response.json().get("bySector"), "key", "SPORTS_FITNESS").get("figures");
        assertThat(fen(sports, "compensated")).isGreaterThanOrEqualTo(38_000);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aSectorRegulatorSeesOnlyItsSectorTheAssociationReadsAndOthersAreRefused() {
        Scenario s = scenario();
        Api.Response education = api().as(users.create(Role.REGULATOR, null, Sector.EDUCATION.name())).get("/api/v1/protection/oversight/closures");
        assertThat(education.status()).isEqualTo(200);
        assertThat(education.json().get("sectorScope").asString()).isEqualTo("EDUCATION");
        assertThat(education.body()).contains(s.schoolCase().toString()).doesNotContain(s.gymCase().toString());
        for (JsonNode c : education.json().get("cases")) {
            assertThat(c.get("sector").asString()).isEqualTo("EDUCATION");
        }
        assertThat(api().as(users.create(Role.ASSOCIATION)).get("/api/v1/protection/oversight/closures").body())
                .contains(s.gymCase().toString());
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/protection/oversight/closures").status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.INSURER)).get("/api/v1/protection/oversight/closures").status()).isEqualTo(403);
    }
}
