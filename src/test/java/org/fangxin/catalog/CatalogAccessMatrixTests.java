package org.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.catalog.ProductDrafts.monthlyPass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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

/**
 * Every catalog endpoint against every kind of caller. Write calls carry a banned clause or target a withdrawn product,
 * so a caller who passes the access check gets 400/409/422 and nothing changes; 401/403/404 show the access rule.
 */
class CatalogAccessMatrixTests extends IntegrationTest {

    static final List<String> CALLERS = List.of("anonymous", "consumer", "owner", "staff", "otherOwner", "operator", "bank",
            "insurer", "regulator", "association");

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;

    TestMerchants.Created gym;
    UUID store;
    String activeId;
    String withdrawnId;
    String versionId;
    Map<String, Api> callers;

    @BeforeEach
    void fixtures() {
        var testMerchants = new TestMerchants(merchants, accounts);
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        store = gym.merchant().stores().get(0).id();
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        var owner = api().as(gym.owner());
        var active = owner.post("/api/v1/products", monthlyPass(store, 300, 1, null)).json();
        activeId = active.get("id").asString();
        versionId = active.get("currentVersionId").asString();
        withdrawnId = owner.post("/api/v1/products", monthlyPass(store, 300, 1, null)).json().get("id").asString();
        owner.post("/api/v1/products/" + withdrawnId + "/withdraw", null);
        callers = new LinkedHashMap<>();
        callers.put("anonymous", api());
        callers.put("consumer", api().as(users.create(Role.CONSUMER)));
        callers.put("owner", owner);
        callers.put("staff", api().as(testMerchants.staff(gym.id())));
        callers.put("otherOwner", api().as(other.owner()));
        callers.put("operator", api().as(users.create(Role.OPERATOR)));
        callers.put("bank", api().as(users.create(Role.BANK)));
        callers.put("insurer", api().as(users.create(Role.INSURER)));
        callers.put("regulator", api().as(users.create(Role.REGULATOR)));
        callers.put("association", api().as(users.create(Role.ASSOCIATION)));
    }

    private void expect(Function<Api, Api.Response> call, int... statuses) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (int i = 0; i < CALLERS.size(); i++) {
            expected.put(CALLERS.get(i), statuses[i]);
            actual.put(CALLERS.get(i), call.apply(callers.get(CALLERS.get(i))).status());
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void onlyTheOwnerListsProducts() {
        //                                                          anon cons own  staff other oper bank ins  reg  assoc
        expect(api -> api.post("/api/v1/products", monthlyPass(store, 300, 1, "概不退款")),
                401, 403, 422, 403, 400, 403, 403, 403, 403, 403);
        expect(api -> api.post("/api/v1/products/check", monthlyPass(store, 300, 1, null)),
                401, 403, 200, 403, 400, 403, 403, 403, 403, 403);
    }

    @Test
    void merchantsSeeTheirOwnListOperatorsAndRegulatorsSeeAllAndTheCatalogIsPublic() {
        expect(api -> api.get("/api/v1/products"), 401, 403, 200, 200, 200, 200, 403, 403, 200, 403);
        expect(api -> api.get("/api/v1/public/products"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        assertThat(callers.get("otherOwner").get("/api/v1/products").body()).doesNotContain(activeId);
    }

    @Test
    void activeProductsAreVisibleToAllButAnotherMerchant() {
        expect(api -> api.get("/api/v1/products/" + activeId), 401, 200, 200, 200, 404, 200, 200, 200, 200, 200);
        expect(api -> api.get("/api/v1/products/" + activeId + "/versions"), 401, 200, 200, 200, 404, 200, 200, 200, 200, 200);
        expect(api -> api.get("/api/v1/products/" + withdrawnId), 401, 404, 200, 200, 404, 200, 404, 404, 200, 404);
    }

    @Test
    void onlyTheOwnerRevisesOrWithdraws() {
        expect(api -> api.post("/api/v1/products/" + activeId + "/versions", ProductDrafts.terms("PRO_RATA_DAYS", "概不退款")),
                401, 403, 422, 403, 404, 403, 403, 403, 403, 403);
        expect(api -> api.post("/api/v1/products/" + withdrawnId + "/withdraw", null),
                401, 403, 409, 403, 404, 403, 403, 403, 403, 403);
    }

    @Test
    void contractVersionsAreReadableByEveryoneLoggedIn() {
        expect(api -> api.get("/api/v1/contracts/" + versionId), 401, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        expect(api -> api.get("/api/v1/contracts/" + UUID.randomUUID()), 401, 404, 404, 404, 404, 404, 404, 404, 404, 404);
    }
}
