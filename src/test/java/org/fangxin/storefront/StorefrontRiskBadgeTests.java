package org.fangxin.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.risk.RiskScores;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a consumer chooses a product (the storefront's home, a product's page, the public protection API) the merchant's
 * risk tier shows once it is rated, and the 放心商户 badge once it holds it (risk's public RiskBadges).
 */
class StorefrontRiskBadgeTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired RiskScores scores;
    @Autowired JdbcClient jdbc;

    @Test
    void theStorefrontShowsTheMerchantsRiskTierAndTheTrustedBadgeOnceEarned() {
        StorefrontFixtures fixtures = new StorefrontFixtures(merchants, accounts, products);
        TestMerchants.Created gym = fixtures.gym();
        ProductView pack = fixtures.sessionPack(gym, "放心私教卡", 900, 12);
        Api visitor = api();
        String protection = "/api/v1/public/merchants/" + gym.id() + "/protection";
        scores.rate(gym.id()); // rated on approval too; a new merchant starts no better than B
        assertThat(visitor.get(protection).json().get("tier").asString()).isEqualTo("B");
        assertThat(visitor.get(protection).json().get("trusted").asBoolean()).isFalse();
        String page = visitor.getAny("/public/products/" + pack.id()).body();
        assertThat(page).contains("商户评级 B").doesNotContain("放心商户");

        // tier A held for 90 days (RiskJourneyTests earns it month by month through the feeds)
        jdbc.sql("""
                update risk.tier_state set tier = 'A', raw_tier = 'A', up_since = null, up_to = null,
                       badge_since = scored_on - 90 where merchant_id = :m
                """).param("m", gym.id()).update();
        assertThat(visitor.get(protection).json().get("trusted").asBoolean()).isTrue();
        assertThat(visitor.getAny("/public/products/" + pack.id()).body()).contains("商户评级 A").contains("放心商户");
    }
}
