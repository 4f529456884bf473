package org.fangxin.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductDrafts;
import org.fangxin.testing.TestMerchants;
import tools.jackson.databind.JsonNode;

/**
 * The merchants a lifecycle benchmark spreads its load over: the demo gym first, then merchants onboarded over the
 * public API as a real applicant would (application, operator approval, owner login, a 60-session pack).
 */
final class BenchMerchants {

    /** One merchant as the benchmark uses it: the owner's token (who redeems), one store, the pack's product and version. */
    record Merchant(String ownerToken, String storeId, String productId, String versionId) { }

    /** The HTTP calls the onboarding needs (the benchmark's own client). */
    interface Client {
        JsonNode post(String token, String path, Object body, int expected) throws Exception;

        JsonNode get(String token, String path) throws Exception;
    }

    private static final String PASSWORD = "bench-owner-secret-1";

    private BenchMerchants() {
    }

    /** A new ACTIVE merchant with one store and a 60-session pack; n makes its name, code and login unique. */
    static Merchant onboard(Client http, String operatorToken, long n) throws Exception {
        String owner = "bench-owner-" + n;
        JsonNode applied = http.post(null, "/api/v1/public/merchant-applications", application(n, owner), 201);
        if (applied == null) {
            throw new IllegalStateException("merchant application " + n + " was refused");
        }
        String merchantId = applied.get("id").asString();
        if (http.post(operatorToken, "/api/v1/merchants/" + merchantId + "/approve", null, 200) == null) {
            throw new IllegalStateException("merchant " + merchantId + " was not approved");
        }
        String token = http.post(null, "/api/v1/auth/token", Map.of("username", owner, "password", PASSWORD), 200)
                .get("accessToken").asString();
        String storeId = http.get(token, "/api/v1/merchants/" + merchantId).get("stores").get(0).get("id").asString();
        JsonNode product = http.post(token, "/api/v1/products", ProductDrafts.sessionPack(UUID.fromString(storeId), 2000, 60, 12), 201);
        if (product == null) {
            throw new IllegalStateException("the session pack of merchant " + merchantId + " was refused");
        }
        return new Merchant(token, storeId, product.get("id").asString(), product.get("currentVersionId").asString());
    }

    private static Map<String, Object> application(long n, String owner) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalName", "压测商户 Bench merchant " + n);
        body.put("creditCode", TestMerchants.uniqueCreditCode("410200", n));
        body.put("sector", "SPORTS_FITNESS");
        body.put("regionCode", "410200");
        body.put("stores", List.of(Map.of("name", "门店 Store " + n, "address", "开封市鼓楼区压测路" + n + "号", "leaseEndsOn", "2035-01-01")));
        body.put("settlementAccount", Map.of("accountName", "压测商户 " + n, "bankName", "开封银行",
                "accountNumber", String.format("6222%012d", n % 1_000_000_000_000L)));
        body.put("flags", Map.of("dishonestDebtor", false, "abnormalOperation", false, "deregistering", false));
        body.put("ownerUsername", owner);
        body.put("ownerPassword", PASSWORD);
        body.put("ownerDisplayName", "Owner " + n);
        body.put("contactMobile", "1380000" + String.format("%04d", n % 10_000));
        body.put("business", Map.of("licensedOn", "2020-06-01", "registeredCapital", Map.of("amountMinor", 50_000_000, "currency", "CNY"),
                "priorYearRevenue", Map.of("amountMinor", 120_000_000, "currency", "CNY"), "revenueYear", 2025));
        return body;
    }
}
