package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.testing.AccessMatrix;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every merchant endpoint against every kind of caller. Write calls use requests that would fail validation or state
 * checks after the access check, so no caller changes the merchant and the expected status shows only the access rule
 * (a passing caller gets 400/409 instead of 403/404).
 */
class MerchantAccessMatrixTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    TestMerchants.Created gym;
    TestMerchants.Created pending;
    AccessMatrix matrix;

    @BeforeEach
    void fixtures() {
        var testMerchants = new TestMerchants(merchants, accounts);
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        pending = testMerchants.pendingMerchant(Sector.SPORTS_FITNESS, "410200");
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        matrix = new AccessMatrix(port).anonymous("anonymous").caller("consumer", users.create(Role.CONSUMER))
                .caller("owner", gym.owner()).caller("staff", testMerchants.staff(gym.id())).caller("otherOwner", other.owner())
                .caller("operator", users.create(Role.OPERATOR)).caller("bank", users.create(Role.BANK))
                .caller("insurer", users.create(Role.INSURER)).caller("marketRegulator", users.create(Role.REGULATOR))
                .caller("sportsRegulator", users.create(Role.REGULATOR, null, "SPORTS_FITNESS"))
                .caller("educationRegulator", users.create(Role.REGULATOR, null, "EDUCATION"))
                .caller("association", users.create(Role.ASSOCIATION));
    }

    // columns: anonymous, consumer, owner, staff, otherOwner, operator, bank, insurer, marketRegulator, sportsRegulator,
    // educationRegulator, association
    @Test
    void viewingAnActiveMerchant() {
        matrix.expect(api -> api.get("/api/v1/merchants/" + gym.id()),
                401, 403, 200, 200, 404, 200, 200, 200, 200, 200, 404, 200);
    }

    @Test
    void viewingAPendingApplication() {
        matrix.expect(api -> api.get("/api/v1/merchants/" + pending.id()),
                401, 403, 404, 404, 404, 200, 404, 404, 200, 200, 404, 200);
    }

    @Test
    void readingTheHistory() {
        matrix.expect(api -> api.get("/api/v1/merchants/" + gym.id() + "/history"),
                401, 403, 200, 200, 404, 200, 403, 403, 200, 200, 404, 200);
    }

    @Test
    void listingMerchants() {
        matrix.expect(api -> api.get("/api/v1/merchants"),
                401, 403, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
    }

    @Test
    void approvingAndRejectingAreForOperatorsOnly() {
        // The operator passes the access check and then fails on state (ACTIVE cannot be approved) or reason.
        matrix.expect(api -> api.post("/api/v1/merchants/" + gym.id() + "/approve", null),
                401, 403, 403, 403, 403, 409, 403, 403, 403, 403, 403, 403);
        matrix.expect(api -> api.post("/api/v1/merchants/" + pending.id() + "/reject", null),
                401, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403);
    }

    @Test
    void suspendingReinstatingAndClosingAreForOperatorsOnly() {
        for (String action : new String[] {"suspend", "reinstate", "closing", "close"}) {
            matrix.expect(api -> api.post("/api/v1/merchants/" + gym.id() + "/" + action, Map.of("reason", " ")),
                    401, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403);
        }
    }

    @Test
    void settingComplianceFlagsIsForOperatorsAndRegulatorsOfTheSector() {
        // No reason: a caller that passes the role check gets 400 (reason is checked before the merchant is read),
        // so the sector limit is checked with a valid request below.
        matrix.expect(api -> api.put("/api/v1/merchants/" + gym.id() + "/compliance-flags",
                        Map.of("dishonestDebtor", false, "abnormalOperation", false, "deregistering", false)),
                401, 403, 403, 403, 403, 400, 403, 403, 400, 400, 400, 403);
        var unchanged = Map.of("dishonestDebtor", false, "abnormalOperation", false, "deregistering", false, "reason", "check");
        assertThat(matrix.api("educationRegulator").put("/api/v1/merchants/" + gym.id() + "/compliance-flags", unchanged).status())
                .isEqualTo(404);
        assertThat(matrix.api("sportsRegulator").put("/api/v1/merchants/" + gym.id() + "/compliance-flags", unchanged).status())
                .isEqualTo(200);
    }

    @Test
    void addingStoresAndChangingLeasesIsForTheOwnerOnly() {
        var invalidStore = Map.of("name", "", "address", "", "leaseEndsOn", "2031-01-01");
        matrix.expect(api -> api.post("/api/v1/merchants/" + gym.id() + "/stores", invalidStore),
                401, 403, 400, 403, 404, 403, 403, 403, 403, 403, 403, 403);
        var storeId = gym.merchant().stores().get(0).id();
        matrix.expect(api -> api.put("/api/v1/merchants/" + gym.id() + "/stores/" + storeId + "/lease", Map.of("leaseEndsOn", "2020-01-01")),
                401, 403, 400, 403, 404, 403, 403, 403, 403, 403, 403, 403);
    }

    @Test
    void applyingIsOpenToEveryone() {
        assertThat(api().post("/api/v1/public/merchant-applications", Map.of()).status()).isEqualTo(400);
        assertThat(matrix.api("consumer").post("/api/v1/public/merchant-applications", Map.of()).status()).isEqualTo(400);
    }
}
