package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.AccessMatrix;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/** Every card endpoint × every kind of caller: the owner of the object, another tenant, each role, and anonymous. */
class CardAccessMatrixTests extends CardTest {

    @Test
    void everyEndpointAnswersEachCallerAsSpecified() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        TestMerchants.Created other = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 1000, 20);
        AccessMatrix matrix = new AccessMatrix(port).caller("holder", f.consumer()).caller("consumer", f.consumer())
                .caller("owner", gym.owner()).caller("staff", f.staff(gym.id())).caller("otherStaff", f.staff(other.id()));
        for (Role role : List.of(Role.OPERATOR, Role.REGULATOR, Role.BANK, Role.INSURER, Role.ASSOCIATION)) {
            matrix.caller(role.name().toLowerCase(), users.create(role));
        }
        matrix.anonymous("anonymous");
        Api.Response bought = f.startPurchase(matrix.api("holder"), pack);
        String purchaseId = bought.json().get("id").asString();
        UUID cardId = f.buyAndPay(matrix.api("holder"), pack);
        UUID store = f.store(gym);
        String redemptionId = matrix.api("staff").post("/api/v1/redemptions", Map.of("code",
                matrix.api("holder").post("/api/v1/cards/" + cardId + "/redemption-codes", null).json().get("code").asString(),
                "storeId", store, "sessions", 1), UUID.randomUUID().toString()).json().get("id").asString();

        matrix.expect(api -> api.get("/api/v1/cards"), Map.of("holder", 200, "consumer", 200, "owner", 200, "staff", 200,
                "operator", 200, "regulator", 403, "bank", 403, "insurer", 403, "association", 403, "anonymous", 401));
        // Regulators see cards only as aggregates (the oversight dashboard), never a consumer's card.
        for (String path : List.of("/api/v1/cards/" + cardId, "/api/v1/cards/" + cardId + "/history",
                "/api/v1/cards/" + cardId + "/redemptions")) {
            matrix.expect(api -> api.get(path), Map.of("holder", 200, "consumer", 404, "owner", 200, "staff", 200,
                    "otherStaff", 404, "operator", 200, "regulator", 403, "bank", 403, "association", 403, "anonymous", 401));
        }
        matrix.expect(api -> api.get("/api/v1/cards/escrow-identity"), Map.of("holder", 403, "staff", 403, "owner", 403,
                "operator", 200, "regulator", 200, "bank", 403, "anonymous", 401));
        matrix.expect(api -> api.get("/api/v1/purchases/" + purchaseId), Map.of("holder", 200, "consumer", 404, "staff", 404,
                "operator", 200, "regulator", 403, "bank", 403, "anonymous", 401));
        matrix.expect(api -> api.get("/api/v1/purchases"), Map.of("holder", 200, "operator", 200, "staff", 403,
                "regulator", 403, "anonymous", 401));
        matrix.expect(api -> api.get("/api/v1/redemptions"), Map.of("staff", 200, "owner", 200, "holder", 403,
                "operator", 403, "anonymous", 401));
        matrix.expect(api -> api.get("/api/v1/redemptions/disputed"), Map.of("operator", 200, "staff", 403, "holder", 403,
                "anonymous", 401));
        matrix.expect(api -> api.get("/api/v1/redemption-requests"), Map.of("holder", 200, "staff", 403, "operator", 403,
                "anonymous", 401));

        matrix.expect(api -> api.post("/api/v1/cards/" + cardId + "/redemption-codes", null, key()), Map.of("holder", 201,
                "consumer", 404, "staff", 403, "operator", 403, "bank", 403, "anonymous", 401));
        Map<String, Object> redeem = Map.of("code", "000000", "storeId", store, "sessions", 1);
        matrix.expect(api -> api.post("/api/v1/redemptions", redeem, key()), Map.of("staff", 404, "owner", 404,
                "otherStaff", 404, "holder", 403, "operator", 403, "regulator", 403, "bank", 403, "anonymous", 401));
        matrix.expect(api -> api.post("/api/v1/purchases", CardFixtures.buyBody(pack), key()),
                Map.of("staff", 403, "owner", 403, "operator", 403, "bank", 403, "anonymous", 401));
        matrix.expect(api -> api.post("/api/v1/cards/" + cardId + "/transfer", Map.of("toMobile", "13900000000"), key()),
                Map.of("consumer", 404, "staff", 403, "operator", 403, "anonymous", 401));
        matrix.expect(api -> api.post("/api/v1/redemptions/" + redemptionId + "/dispute", Map.of("reason", "x"), key()),
                Map.of("consumer", 404, "staff", 404, "otherStaff", 404, "operator", 403, "bank", 403, "anonymous", 401));
        for (String decision : List.of("uphold", "reject")) {
            matrix.expect(api -> api.post("/api/v1/redemptions/" + redemptionId + "/dispute/" + decision, Map.of("reason", "x"),
                    key()), Map.of("holder", 403, "staff", 403, "regulator", 403, "operator", 409, "anonymous", 401));
        }
        Map<String, Object> request = Map.of("cardId", cardId, "storeId", store, "sessions", 1);
        matrix.expect(api -> api.post("/api/v1/redemption-requests", request, key()),
                Map.of("holder", 403, "operator", 403, "otherStaff", 404, "anonymous", 401));
        String requestId = matrix.api("staff").post("/api/v1/redemption-requests",
                Map.of("cardId", cardId, "storeId", store, "sessions", 1)).json().get("id").asString();
        for (String answer : List.of("confirm", "decline")) {
            matrix.expect(api -> api.post("/api/v1/redemption-requests/" + requestId + "/" + answer, null, key()),
                    Map.of("consumer", 404, "staff", 403, "operator", 403, "anonymous", 401));
        }
        assertThat(matrix.api("holder").post("/api/v1/redemption-requests/" + requestId + "/confirm", null).status()).isEqualTo(200);
        f.assertBooksHold(gym.id());
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
