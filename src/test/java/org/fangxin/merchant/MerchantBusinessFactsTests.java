package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 13 item 13: licence date, registered capital and prior-year revenue through the public API and the owner. */
class MerchantBusinessFactsTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    TestMerchants testMerchants;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
    }

    @Test
    void aPublicApplicationWithoutBusinessFactsIsRefusedNamingEveryMissingFact() {
        var application = testMerchants.application(Sector.RETAIL, "310100");
        var body = new java.util.LinkedHashMap<>(MerchantApiTests.body(application));
        body.remove("business");
        var refused = api().post(MerchantApiTests.APPLICATIONS, body, "apply-" + UUID.randomUUID());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("business.licensedOn");
        assertThat(refused.body()).contains("business.registeredCapital");
        assertThat(jdbc.sql("select count(*) from merchant.merchant where credit_code = :code")
                .param("code", application.creditCode()).query(Long.class).single()).as("nothing written").isZero();
    }

    @Test
    void factsAppliedForAreStoredAndTheOwnerDeclaresNextYearsRevenue() {
        var application = testMerchants.application(Sector.RETAIL, "310100");
        var applied = api().post(MerchantApiTests.APPLICATIONS, MerchantApiTests.body(application), "apply-" + UUID.randomUUID());
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        var business = applied.json().get("business");
        assertThat(business.get("licensedOn").asString()).isEqualTo("2020-06-01");
        assertThat(business.get("registeredCapital").get("amountMinor").asLong()).isEqualTo(50_000_000);
        assertThat(business.get("revenueYear").asInt()).isEqualTo(2025);
        String id = applied.json().get("id").asString();

        Api owner = api().as(application.ownerUsername(), "owner-secret-1");
        var changed = owner.put("/api/v1/merchants/" + id + "/business-facts", Map.of("licensedOn", "2020-06-01",
                "registeredCapital", Map.of("amountMinor", 50_000_000, "currency", "CNY"),
                "priorYearRevenue", Map.of("amountMinor", 99_000_000, "currency", "CNY"), "revenueYear", 2025));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("business").get("priorYearRevenue").get("amountMinor").asLong()).isEqualTo(99_000_000);
        assertThat(merchants.history(testMerchants.operator(), UUID.fromString(id)))
                .anyMatch(entry -> entry.event().equals("BUSINESS_FACTS_CHANGED"));

        var invalid = owner.put("/api/v1/merchants/" + id + "/business-facts", Map.of("licensedOn", "2099-01-01",
                "registeredCapital", Map.of("amountMinor", 1, "currency", "CNY")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("field").asString()).isEqualTo("business.licensedOn");
    }

    @Test
    void onlyTheOwnerOrAnOperatorDeclaresFacts() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var other = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        Map<String, Object> facts = Map.of("licensedOn", "2021-01-01", "registeredCapital", Map.of("amountMinor", 100, "currency", "CNY"));
        String path = "/api/v1/merchants/" + gym.id() + "/business-facts";
        assertThat(api().as(other.owner()).put(path, facts).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.CONSUMER)).put(path, facts).status()).isEqualTo(403);
        assertThat(api().as(testMerchants.staff(gym.id())).put(path, facts).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.REGULATOR)).put(path, facts).status()).isEqualTo(403);
        var byOperator = api().as(users.create(Role.OPERATOR)).put(path, facts);
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(200);
        assertThat(merchants.find(gym.id()).orElseThrow().business().licensedOn()).hasToString("2021-01-01");
    }
}
