package org.fangxin.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.AccessMatrix;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every protection endpoint and page against every kind of caller. */
class ProtectionAccessMatrixTests extends IntegrationTest {

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;

    TestMerchants.Created gym;
    AccessMatrix matrix;

    @BeforeEach
    void fixtures() {
        var testMerchants = new TestMerchants(merchants, accounts);
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "310104");
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "310104");
        matrix = AccessMatrix.aroundMerchant(port, users, testMerchants, gym, other);
    }

    @Test
    void rulesAreReadBySupervisorsAndMerchantsAndChangedByOperators() {
        // anonymous, consumer, owner, staff, otherOwner, operator, bank, insurer, regulator, association
        matrix.expect(api -> api.get("/api/v1/protection/deposit-rules"), 401, 403, 200, 200, 200, 200, 403, 403, 200, 403);
        Map<String, Object> seed = Map.of("floor", Map.of("amountMinor", 300_000, "currency", "CNY"), "shareBps", 3000);
        matrix.expect(api -> api.put("/api/v1/protection/deposit-rules/RETAIL", seed), 401, 403, 403, 403, 403, 200, 403, 403, 403, 403);
    }

    @Test
    void onlyOperatorsMoveDeposits() {
        Map<String, Object> lodge = Map.of("merchantId", gym.id().toString(),
                "amount", Map.of("amountMinor", 100, "currency", "CNY"), "reference", "matrix");
        matrix.expect(api -> api.post("/api/v1/protection/deposits", lodge, "m-" + UUID.randomUUID()),
                401, 403, 403, 403, 403, 201, 403, 403, 403, 403);
        matrix.expect(api -> api.post("/api/v1/protection/merchants/" + gym.id() + "/deposit-return", Map.of("reference", "x"),
                "m-" + UUID.randomUUID()), 401, 403, 403, 403, 403, 409, 403, 403, 403, 403);
        matrix.expect(api -> api.post("/api/v1/protection/coverage-checks", Map.of()), 401, 403, 403, 403, 403, 201, 403, 403, 403, 403);
    }

    @Test
    void merchantsSeeOnlyTheirOwnCoverage() {
        String base = "/api/v1/protection/merchants/" + gym.id();
        for (String path : new String[] {base + "/coverage", base + "/deposits", base + "/top-up-requests"}) {
            matrix.expect(api -> api.get(path), 401, 403, 200, 200, 404, 200, 403, 403, 200, 403);
        }
        matrix.expect(api -> api.get("/api/v1/protection/merchants/" + UUID.randomUUID() + "/coverage"),
                401, 403, 404, 404, 404, 404, 403, 403, 404, 403);
        matrix.expect(api -> api.get("/api/v1/protection/coverage"), 401, 403, 403, 403, 403, 200, 403, 403, 200, 403);
        matrix.expect(api -> api.get("/api/v1/protection/deposits"), 401, 403, 403, 403, 403, 200, 403, 403, 200, 403);
    }

    @Test
    void pagesAnswerOnlyTheirAudience() {
        matrix.expectPage("/protection", 302, 403, 403, 403, 403, 200, 403, 403, 200, 403);
        matrix.expectPage("/protection/mine", 302, 403, 200, 200, 200, 403, 403, 403, 403, 403);
    }

    @Test
    void aSectorRegulatorSeesOnlyItsSector() {
        var education = users.create(Role.REGULATOR, null, "EDUCATION");
        assertThat(api().as(education).get("/api/v1/protection/merchants/" + gym.id() + "/coverage").status()).isEqualTo(404);
        var sports = users.create(Role.REGULATOR, null, "SPORTS_FITNESS");
        assertThat(api().as(sports).get("/api/v1/protection/merchants/" + gym.id() + "/coverage").status()).isEqualTo(200);
    }

    @Test
    void theOperatorRecordsADepositOnThePageAndTheMerchantSeesIt() {
        var operator = FormSession.loggedIn(port, matrix.user("operator").username());
        var overview = operator.get("/protection").body();
        var formKey = overview.replaceAll("(?s).*name=\"formKey\" value=\"([^\"]+)\".*", "$1");
        var posted = operator.post("/protection/deposits", "merchantId=" + gym.id() + "&amountYuan=5000&reference="
                + FormSession.encode("回单 1") + "&formKey=" + formKey);
        assertThat(posted.statusCode()).isEqualTo(302);
        // The same form submitted twice lodges once.
        operator.post("/protection/deposits", "merchantId=" + gym.id() + "&amountYuan=5000&reference="
                + FormSession.encode("回单 1") + "&formKey=" + formKey);
        var mine = FormSession.loggedIn(port, gym.ownerUsername()).get("/protection/mine").body();
        assertThat(mine).contains("id=\"covered\"").contains("¥5,000.00");
        assertThat(api().as(gym.owner()).get("/api/v1/protection/merchants/" + gym.id() + "/deposits").json().size())
                .isEqualTo(1);
    }
}
