package org.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.catalog.ProductDrafts.monthlyPass;

import java.util.UUID;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.AccessMatrix;
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

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;

    TestMerchants.Created gym;
    UUID store;
    String activeId;
    String withdrawnId;
    String versionId;
    AccessMatrix matrix;

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
        matrix = AccessMatrix.aroundMerchant(port, users, testMerchants, gym, other);
    }

    @Test
    void onlyTheOwnerListsProducts() {
        //                                                          anon cons own  staff other oper bank ins  reg  assoc
        matrix.expect(api -> api.post("/api/v1/products", monthlyPass(store, 300, 1, "概不退款")),
                401, 403, 422, 403, 400, 403, 403, 403, 403, 403);
        matrix.expect(api -> api.post("/api/v1/products/check", monthlyPass(store, 300, 1, null)),
                401, 403, 200, 403, 400, 403, 403, 403, 403, 403);
    }

    @Test
    void merchantsSeeTheirOwnListOperatorsAndRegulatorsSeeAllAndTheCatalogIsPublic() {
        matrix.expect(api -> api.get("/api/v1/products"), 401, 403, 200, 200, 200, 200, 403, 403, 200, 403);
        matrix.expect(api -> api.get("/api/v1/public/products"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        assertThat(matrix.api("otherOwner").get("/api/v1/products").body()).doesNotContain(activeId);
    }

    @Test
    void activeProductsAreVisibleToAllButAnotherMerchant() {
        matrix.expect(api -> api.get("/api/v1/products/" + activeId), 401, 200, 200, 200, 404, 200, 200, 200, 200, 200);
        matrix.expect(api -> api.get("/api/v1/products/" + activeId + "/versions"), 401, 200, 200, 200, 404, 200, 200, 200, 200, 200);
        matrix.expect(api -> api.get("/api/v1/products/" + withdrawnId), 401, 404, 200, 200, 404, 200, 404, 404, 200, 404);
    }

    @Test
    void onlyTheOwnerRevisesOrWithdraws() {
        matrix.expect(api -> api.post("/api/v1/products/" + activeId + "/versions", ProductDrafts.terms("PRO_RATA_DAYS", "概不退款")),
                401, 403, 422, 403, 404, 403, 403, 403, 403, 403);
        matrix.expect(api -> api.post("/api/v1/products/" + withdrawnId + "/withdraw", null),
                401, 403, 409, 403, 404, 403, 403, 403, 403, 403);
    }

    @Test
    void contractVersionsAreReadableByEveryoneLoggedIn() {
        matrix.expect(api -> api.get("/api/v1/contracts/" + versionId), 401, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        matrix.expect(api -> api.get("/api/v1/contracts/" + UUID.randomUUID()), 401, 404, 404, 404, 404, 404, 404, 404, 404, 404);
    }
}
