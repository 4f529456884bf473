package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.lifecycle.EscrowIdentityCheck;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every card endpoint × every kind of caller: the owner of the object, another tenant, each role, and anonymous. */
class CardAccessMatrixTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired Ledger ledger;
    @Autowired EscrowIdentityCheck escrow;
    @Autowired JdbcClient jdbc;

    @Test
    void everyEndpointAnswersEachCallerAsSpecified() {
        CardFixtures f = new CardFixtures(merchants, accounts, products, payments, sandbox, ledger, escrow, jdbc, users);
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        TestMerchants.Created other = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 1000, 20);
        Map<String, Api> as = new LinkedHashMap<>();
        as.put("holder", api().as(f.consumer()));
        as.put("consumer", api().as(f.consumer()));
        as.put("owner", api().as(gym.owner()));
        as.put("staff", api().as(f.staff(gym.id())));
        as.put("otherStaff", api().as(f.staff(other.id())));
        for (Role role : List.of(Role.OPERATOR, Role.REGULATOR, Role.BANK, Role.INSURER, Role.ASSOCIATION)) {
            as.put(role.name().toLowerCase(), api().as(users.create(role)));
        }
        as.put("anonymous", api());
        Api.Response bought = f.startPurchase(as.get("holder"), pack);
        String purchaseId = bought.json().get("id").asString();
        UUID cardId = f.buyAndPay(as.get("holder"), pack);
        UUID store = f.store(gym);
        String redemptionId = as.get("staff").post("/api/v1/redemptions", Map.of("code",
                as.get("holder").post("/api/v1/cards/" + cardId + "/redemption-codes", null).json().get("code").asString(),
                "storeId", store, "sessions", 1), UUID.randomUUID().toString()).json().get("id").asString();

        List<String> failures = new ArrayList<>();
        Row get = (path, expected) -> check(failures, as, "GET", path, null, expected);
        get.expect("/api/v1/cards", Map.of("holder", 200, "consumer", 200, "owner", 200, "staff", 200, "operator", 200,
                "regulator", 200, "bank", 403, "insurer", 403, "association", 403, "anonymous", 401));
        for (String path : List.of("/api/v1/cards/" + cardId, "/api/v1/cards/" + cardId + "/history",
                "/api/v1/cards/" + cardId + "/redemptions")) {
            get.expect(path, Map.of("holder", 200, "consumer", 404, "owner", 200, "staff", 200, "otherStaff", 404,
                    "operator", 200, "regulator", 200, "bank", 403, "association", 403, "anonymous", 401));
        }
        get.expect("/api/v1/cards/escrow-identity", Map.of("holder", 403, "staff", 403, "owner", 403, "operator", 200,
                "regulator", 200, "bank", 403, "anonymous", 401));
        get.expect("/api/v1/purchases/" + purchaseId, Map.of("holder", 200, "consumer", 404, "staff", 404,
                "operator", 200, "regulator", 403, "bank", 403, "anonymous", 401));
        get.expect("/api/v1/purchases", Map.of("holder", 200, "operator", 200, "staff", 403, "regulator", 403, "anonymous", 401));
        get.expect("/api/v1/redemptions", Map.of("staff", 200, "owner", 200, "holder", 403, "operator", 403, "anonymous", 401));
        get.expect("/api/v1/redemptions/disputed", Map.of("operator", 200, "staff", 403, "holder", 403, "anonymous", 401));
        get.expect("/api/v1/redemption-requests", Map.of("holder", 200, "staff", 403, "operator", 403, "anonymous", 401));

        Row code = (path, expected) -> check(failures, as, "POST", path, null, expected);
        code.expect("/api/v1/cards/" + cardId + "/redemption-codes", Map.of("holder", 201, "consumer", 404, "staff", 403,
                "operator", 403, "bank", 403, "anonymous", 401));
        check(failures, as, "POST", "/api/v1/redemptions", Map.of("code", "000000", "storeId", store, "sessions", 1),
                Map.of("staff", 404, "owner", 404, "otherStaff", 404, "holder", 403, "operator", 403, "regulator", 403,
                        "bank", 403, "anonymous", 401));
        check(failures, as, "POST", "/api/v1/purchases", CardFixtures.buyBody(pack),
                Map.of("staff", 403, "owner", 403, "operator", 403, "bank", 403, "anonymous", 401));
        check(failures, as, "POST", "/api/v1/cards/" + cardId + "/transfer", Map.of("toMobile", "13900000000"),
                Map.of("consumer", 404, "staff", 403, "operator", 403, "anonymous", 401));
        check(failures, as, "POST", "/api/v1/redemptions/" + redemptionId + "/dispute", Map.of("reason", "x"),
                Map.of("consumer", 404, "staff", 404, "otherStaff", 404, "operator", 403, "bank", 403, "anonymous", 401));
        for (String decision : List.of("uphold", "reject")) {
            check(failures, as, "POST", "/api/v1/redemptions/" + redemptionId + "/dispute/" + decision, Map.of("reason", "x"),
                    Map.of("holder", 403, "staff", 403, "regulator", 403, "operator", 409, "anonymous", 401));
        }
        check(failures, as, "POST", "/api/v1/redemption-requests", Map.of("cardId", cardId, "storeId", store, "sessions", 1),
                Map.of("holder", 403, "operator", 403, "otherStaff", 404, "anonymous", 401));
        String requestId = as.get("staff").post("/api/v1/redemption-requests",
                Map.of("cardId", cardId, "storeId", store, "sessions", 1)).json().get("id").asString();
        for (String answer : List.of("confirm", "decline")) {
            check(failures, as, "POST", "/api/v1/redemption-requests/" + requestId + "/" + answer, null,
                    Map.of("consumer", 404, "staff", 403, "operator", 403, "anonymous", 401));
        }
        assertThat(failures).isEmpty();
        assertThat(as.get("holder").post("/api/v1/redemption-requests/" + requestId + "/confirm", null).status()).isEqualTo(200);
        f.assertBooksHold(gym.id());
    }

    interface Row {
        void expect(String path, Map<String, Integer> expected);
    }

    private static void check(List<String> failures, Map<String, Api> as, String method, String path, Object body,
                              Map<String, Integer> expected) {
        expected.forEach((who, status) -> {
            Api api = as.get(who);
            Api.Response response = method.equals("GET") ? api.get(path) : api.post(path, body, UUID.randomUUID().toString());
            if (response.status() != status) {
                failures.add(method + " " + path + " as " + who + ": " + response.status() + " (expected " + status + ") "
                        + response.body());
            }
        });
    }
}
