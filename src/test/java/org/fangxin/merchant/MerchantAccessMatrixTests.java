package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.testing.Api;
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
    Map<String, Api> callers;

    @BeforeEach
    void fixtures() {
        var testMerchants = new TestMerchants(merchants, accounts);
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        pending = testMerchants.pendingMerchant(Sector.SPORTS_FITNESS, "410200");
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        callers = new LinkedHashMap<>();
        callers.put("anonymous", api());
        callers.put("consumer", api().as(users.create(Role.CONSUMER)));
        callers.put("owner", api().as(gym.owner()));
        callers.put("staff", api().as(testMerchants.staff(gym.id())));
        callers.put("otherOwner", api().as(other.owner()));
        callers.put("operator", api().as(users.create(Role.OPERATOR)));
        callers.put("bank", api().as(users.create(Role.BANK)));
        callers.put("insurer", api().as(users.create(Role.INSURER)));
        callers.put("marketRegulator", api().as(users.create(Role.REGULATOR)));
        callers.put("sportsRegulator", api().as(users.create(Role.REGULATOR, null, "SPORTS_FITNESS")));
        callers.put("educationRegulator", api().as(users.create(Role.REGULATOR, null, "EDUCATION")));
        callers.put("association", api().as(users.create(Role.ASSOCIATION)));
    }

    private void expect(Function<Api, Api.Response> call, Map<String, Integer> expected) {
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(callers.keySet());
        Map<String, Integer> actual = new LinkedHashMap<>();
        callers.forEach((name, api) -> actual.put(name, call.apply(api).status()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static Map<String, Integer> statuses(int anonymous, int consumer, int owner, int staff, int otherOwner,
                                                 int operator, int bank, int insurer, int marketRegulator,
                                                 int sportsRegulator, int educationRegulator, int association) {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("anonymous", anonymous);
        map.put("consumer", consumer);
        map.put("owner", owner);
        map.put("staff", staff);
        map.put("otherOwner", otherOwner);
        map.put("operator", operator);
        map.put("bank", bank);
        map.put("insurer", insurer);
        map.put("marketRegulator", marketRegulator);
        map.put("sportsRegulator", sportsRegulator);
        map.put("educationRegulator", educationRegulator);
        map.put("association", association);
        return map;
    }

    @Test
    void viewingAnActiveMerchant() {
        expect(api -> api.get("/api/v1/merchants/" + gym.id()),
                statuses(401, 403, 200, 200, 404, 200, 200, 200, 200, 200, 404, 200));
    }

    @Test
    void viewingAPendingApplication() {
        expect(api -> api.get("/api/v1/merchants/" + pending.id()),
                statuses(401, 403, 404, 404, 404, 200, 404, 404, 200, 200, 404, 200));
    }

    @Test
    void readingTheHistory() {
        expect(api -> api.get("/api/v1/merchants/" + gym.id() + "/history"),
                statuses(401, 403, 200, 200, 404, 200, 403, 403, 200, 200, 404, 200));
    }

    @Test
    void listingMerchants() {
        expect(api -> api.get("/api/v1/merchants"),
                statuses(401, 403, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
    }

    @Test
    void approvingAndRejectingAreForOperatorsOnly() {
        // The operator passes the access check and then fails on state (ACTIVE cannot be approved) or reason.
        expect(api -> api.post("/api/v1/merchants/" + gym.id() + "/approve", null),
                statuses(401, 403, 403, 403, 403, 409, 403, 403, 403, 403, 403, 403));
        expect(api -> api.post("/api/v1/merchants/" + pending.id() + "/reject", null),
                statuses(401, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403));
    }

    @Test
    void suspendingReinstatingAndClosingAreForOperatorsOnly() {
        for (String action : new String[] {"suspend", "reinstate", "closing", "close"}) {
            expect(api -> api.post("/api/v1/merchants/" + gym.id() + "/" + action, Map.of("reason", " ")),
                    statuses(401, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403));
        }
    }

    @Test
    void settingComplianceFlagsIsForOperatorsAndRegulatorsOfTheSector() {
        // No reason: a caller that passes the role check gets 400 (reason is checked before the merchant is read),
        // so the sector limit is checked with a valid request below.
        expect(api -> api.put("/api/v1/merchants/" + gym.id() + "/compliance-flags",
                        Map.of("dishonestDebtor", false, "abnormalOperation", false, "deregistering", false)),
                statuses(401, 403, 403, 403, 403, 400, 403, 403, 400, 400, 400, 403));
        var unchanged = Map.of("dishonestDebtor", false, "abnormalOperation", false, "deregistering", false, "reason", "check");
        assertThat(callers.get("educationRegulator").put("/api/v1/merchants/" + gym.id() + "/compliance-flags", unchanged).status())
                .isEqualTo(404);
        assertThat(callers.get("sportsRegulator").put("/api/v1/merchants/" + gym.id() + "/compliance-flags", unchanged).status())
                .isEqualTo(200);
    }

    @Test
    void addingStoresAndChangingLeasesIsForTheOwnerOnly() {
        var invalidStore = Map.of("name", "", "address", "", "leaseEndsOn", "2031-01-01");
        expect(api -> api.post("/api/v1/merchants/" + gym.id() + "/stores", invalidStore),
                statuses(401, 403, 400, 403, 404, 403, 403, 403, 403, 403, 403, 403));
        var storeId = gym.merchant().stores().get(0).id();
        expect(api -> api.put("/api/v1/merchants/" + gym.id() + "/stores/" + storeId + "/lease", Map.of("leaseEndsOn", "2020-01-01")),
                statuses(401, 403, 400, 403, 404, 403, 403, 403, 403, 403, 403, 403));
    }

    @Test
    void applyingIsOpenToEveryone() {
        assertThat(api().post("/api/v1/public/merchant-applications", Map.of()).status()).isEqualTo(400);
        assertThat(callers.get("consumer").post("/api/v1/public/merchant-applications", Map.of()).status()).isEqualTo(400);
    }
}
