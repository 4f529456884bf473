package org.fangxin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.complaint.ComplaintImports;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 12315 complaint that arrives both through the complaint module's 12315 import and in a provider's COMPLAINT_12315
 * feed (reference = the 12315 number) counts once in the risk score; another 12315 number in the feed still counts.
 */
class Complaint12315DedupTests extends IntegrationTest {

    static final String IMPORT_HEADER =
            "ref,received_on,consumer_name,consumer_mobile,merchant_credit_code,category,asked_yuan,asked_action,description\n";

    @Autowired ApplicationContext context;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired RiskScores scores;
    @Autowired ComplaintImports imports;
    @Autowired JdbcClient jdbc;

    @Test
    void aComplaintImportedFrom12315AndPushedInA12315FeedCountsOnce() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String code = gym.merchant().creditCode();
        LocalDate today = LocalDate.ofInstant(clock.instant(), RiskScores.ZONE);
        String ref = "12315-" + UUID.randomUUID().toString().substring(0, 12);
        String other = "12315-" + UUID.randomUUID().toString().substring(0, 12);

        imports.import12315(users.create(Role.OPERATOR).actor(), IMPORT_HEADER + ref + "," + today.minusDays(2)
                + ",张三,13800138000," + code + ",REFUND_REFUSED,1200.50,,健身房拒绝退款且电话不接\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from risk.complaint where merchant_id = :m and ref_12315 = :ref")
                .param("m", gym.id()).param("ref", ref).query(Long.class).single() == 1);
        FeedClient provider = new FeedClient(port, new RiskFixtures(context).providerKey());
        assertThat(provider.pushCsv(RiskFixtures.HEADER
                + RiskFixtures.dated(code, "COMPLAINT_12315", today.minusDays(3).toString(), "FILED", ref)).status())
                .isEqualTo(201);

        scores.rate(gym.id());
        Api owner = api().as(gym.owner());
        assertThat(RiskScoringTests.factor(owner.get("/api/v1/risk/mine").json(), "COMPLAINTS").get("value").asLong())
                .as("the same 12315 number from the import and the feed").isEqualTo(1);

        assertThat(provider.pushCsv(RiskFixtures.HEADER
                + RiskFixtures.dated(code, "COMPLAINT_12315", today.minusDays(1).toString(), "FILED", other)).status())
                .isEqualTo(201);
        scores.rate(gym.id());
        assertThat(RiskScoringTests.factor(owner.get("/api/v1/risk/mine").json(), "COMPLAINTS").get("value").asLong())
                .as("another 12315 number in the feed").isEqualTo(2);
    }
}
