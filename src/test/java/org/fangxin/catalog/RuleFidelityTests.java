package org.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.catalog.ProductDrafts.monthlyPass;
import static org.fangxin.catalog.ProductDrafts.sessionPack;

import java.util.UUID;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 13: the seeded rule table applies to the products it was written for, through the listing API. */
class RuleFidelityTests extends IntegrationTest {

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;

    TestMerchants testMerchants;

    @BeforeEach
    void setUp() {
        testMerchants = new TestMerchants(merchants, accounts);
    }

    private static UUID store(TestMerchants.Created merchant) {
        return merchant.merchant().stores().get(0).id();
    }

    /** Item 5: Beijing's youth sports training rule applies to a gym's products for minors, not to its adult memberships. */
    @Test
    void beijingsYouthSportsRuleAppliesToAGymsProductsForMinorsOnly() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "110105");
        Api owner = api().as(gym.owner());
        var forAdults = sessionPack(store(gym), 6_000, 40, 3);
        var forMinors = sessionPack(store(gym), 6_000, 40, 3);
        forMinors.put("audience", "MINORS");
        var longForMinors = sessionPack(store(gym), 4_000, 40, 4);
        longForMinors.put("audience", "MINORS");

        var adults = owner.post("/api/v1/products", forAdults, "p-" + UUID.randomUUID());
        var minors = owner.post("/api/v1/products", forMinors, "p-" + UUID.randomUUID());
        var longMinors = owner.post("/api/v1/products", longForMinors, "p-" + UUID.randomUUID());

        assertThat(adults.status()).isEqualTo(201);
        assertThat(adults.json().get("audience").asString()).isEqualTo("ADULTS");
        assertThat(minors.status()).isEqualTo(422);
        assertThat(minors.json().get("violations").get(0).get("rule").asString()).isEqualTo("amount-above-cap");
        assertThat(minors.json().get("violations").get(0).get("source").asString()).contains("京体产业字〔2023〕12号");
        assertThat(longMinors.status()).isEqualTo(422);
        assertThat(longMinors.json().get("violations").get(0).get("rule").asString()).isEqualTo("term-above-cap");
        // the same youth product outside Beijing meets only the national rules
        var shanghai = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "440305");
        var elsewhere = sessionPack(store(shanghai), 6_000, 40, 3);
        elsewhere.put("audience", "MINORS");
        assertThat(api().as(shanghai.owner()).post("/api/v1/products", elsewhere, "p-" + UUID.randomUUID()).status())
                .isEqualTo(201);
    }

    /** Item 6: Shanghai caps gym memberships at 24 months; a class pack may run longer (its cap is 60 sessions). */
    @Test
    void shanghaiCapsTheTermOfMembershipsButNotOfClassPacks() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "310104");
        Api owner = api().as(gym.owner());

        var classPack = owner.post("/api/v1/products", sessionPack(store(gym), 9_000, 60, 36), "p-" + UUID.randomUUID());
        var membership = owner.post("/api/v1/products", monthlyPass(store(gym), 3_000, 25, null), "p-" + UUID.randomUUID());

        assertThat(classPack.status()).isEqualTo(201);
        assertThat(membership.status()).isEqualTo(422);
        assertThat(membership.json().get("violations").get(0).get("rule").asString()).isEqualTo("term-above-cap");
        assertThat(membership.json().get("violations").get(0).get("field").asString()).isEqualTo("periodPassTermMonthsMax");
        assertThat(membership.json().get("violations").get(0).get("source").asString()).contains("沪体规文〔2025〕1号");
    }
}
