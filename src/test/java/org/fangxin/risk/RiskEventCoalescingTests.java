package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.risk.persistence.TierRepository;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events re-rate merchants coalesced: the listener that runs rates every merchant marked due, in one chunk. */
class RiskEventCoalescingTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired RiskScores scores;
    @Autowired TierRepository tiers;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void anEventRatesEveryMerchantMarkedDueAndLeavesNoneDue() {
        var testMerchants = new TestMerchants(merchants, accounts);
        UUID gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200").id();
        UUID school = testMerchants.activeMerchant(Sector.EDUCATION, "410200").id();
        // their approvals rate them (after commit): wait for those, then forget the school's score
        await().atMost(Duration.ofSeconds(60)).until(() -> scoreCount(school) == 1 && scoreCount(gym) == 1
                && dueCount(List.of(gym, school)) == 0);
        jdbc.sql("delete from risk.score where merchant_id = :id").param("id", school).update();
        tiers.markDue(school, clock.instant());

        scores.rateSoon(gym);

        assertThat(scoreCount(school)).as("the school, marked due by another event, rated with the gym").isEqualTo(1);
        assertThat(scoreCount(gym)).isEqualTo(1);
        assertThat(dueCount(List.of(gym, school))).isZero();
    }

    private long scoreCount(UUID merchantId) {
        return jdbc.sql("select count(*) from risk.score where merchant_id = :id").param("id", merchantId)
                .query(Long.class).single();
    }

    private long dueCount(List<UUID> ids) {
        return jdbc.sql("select count(*) from risk.rating_due where merchant_id in (:ids)").param("ids", ids)
                .query(Long.class).single();
    }
}
