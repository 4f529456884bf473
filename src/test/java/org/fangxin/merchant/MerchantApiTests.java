package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class MerchantApiTests extends IntegrationTest {

    static final String APPLICATIONS = "/api/v1/public/merchant-applications";

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    JdbcClient jdbc;

    TestMerchants testMerchants;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
    }

    /** The JSON a client would send for an application (dates as ISO strings). */
    static Map<String, Object> body(MerchantApplication a) {
        var store = a.stores().get(0);
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("legalName", a.legalName());
        body.put("creditCode", a.creditCode());
        body.put("sector", a.sector().name());
        body.put("regionCode", a.regionCode());
        body.put("stores", List.of(Map.of("name", store.name(), "address", store.address(), "leaseEndsOn", store.leaseEndsOn().toString())));
        body.put("settlementAccount", Map.of("accountName", a.settlementAccount().accountName(),
                "bankName", a.settlementAccount().bankName(), "accountNumber", a.settlementAccount().accountNumber()));
        body.put("flags", Map.of("dishonestDebtor", false, "abnormalOperation", false, "deregistering", false));
        body.put("ownerUsername", a.ownerUsername());
        body.put("ownerPassword", "owner-secret-1");
        body.put("ownerDisplayName", a.ownerDisplayName());
        body.put("contactMobile", a.contactMobile());
        body.put("business", Map.of("licensedOn", "2020-06-01", "registeredCapital", Map.of("amountMinor", 50_000_000, "currency", "CNY"),
                "priorYearRevenue", Map.of("amountMinor", 120_000_000, "currency", "CNY"), "revenueYear", 2025));
        return body;
    }

    @Test
    void applicantIsApprovedAndTheOwnerSeesOnlyTheirOwnMerchant() {
        var application = testMerchants.application(Sector.SPORTS_FITNESS, "410200");
        var applied = api().post(APPLICATIONS, body(application), "apply-" + UUID.randomUUID());
        assertThat(applied.status()).isEqualTo(201);
        assertThat(applied.json().get("status").asString()).isEqualTo("PENDING");
        String id = applied.json().get("id").asString();

        Api operator = api().as(users.create(Role.OPERATOR));
        var queue = operator.get("/api/v1/merchants?status=PENDING&size=100");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.json().get("total").asLong()).isPositive();

        var approved = operator.post("/api/v1/merchants/" + id + "/approve", null);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("ACTIVE");

        Api owner = api().as(application.ownerUsername(), "owner-secret-1");
        var mine = owner.get("/api/v1/merchants/" + id);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("status").asString()).isEqualTo("ACTIVE");
        var list = owner.get("/api/v1/merchants");
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("id").asString()).isEqualTo(id);

        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        assertThat(owner.get("/api/v1/merchants/" + other.id()).status()).isEqualTo(404);
        assertThat(api().as(other.owner()).get("/api/v1/merchants/" + id).status()).isEqualTo(404);

        var history = owner.get("/api/v1/merchants/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().size()).isEqualTo(2);
        assertThat(history.json().get(1).get("event").asString()).isEqualTo("APPROVE");
        assertThat(history.json().get(1).get("from").asString()).isEqualTo("PENDING");
        assertThat(history.json().get(1).get("to").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void replaysAnApplicationRetriedWithTheSameIdempotencyKey() {
        var application = testMerchants.application(Sector.EDUCATION, "410200");
        String key = "apply-" + UUID.randomUUID();
        var first = api().post(APPLICATIONS, body(application), key);
        var retry = api().post(APPLICATIONS, body(application), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        String stored = jdbc.sql("select request_body::text from idempotency.request where key = :key")
                .param("key", key).query(String.class).single();
        assertThat(stored).doesNotContain("owner-secret-1");
    }

    @Test
    void rejectionRequiresAReason() {
        var pending = testMerchants.pendingMerchant(Sector.BEAUTY, "410200");
        Api operator = api().as(users.create(Role.OPERATOR));
        var noBody = operator.post("/api/v1/merchants/" + pending.id() + "/reject", null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().get("field").asString()).isEqualTo("reason");
        assertThat(operator.post("/api/v1/merchants/" + pending.id() + "/reject", Map.of("reason", "  ")).status()).isEqualTo(400);
        var rejected = operator.post("/api/v1/merchants/" + pending.id() + "/reject", Map.of("reason", "licence expired"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        var again = operator.post("/api/v1/merchants/" + pending.id() + "/approve", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("merchant-status-conflict");
    }

    @Test
    void duplicateCreditCodeIsAConflictAndLeavesNoOwnerAccount() {
        var first = testMerchants.pendingMerchant(Sector.RETAIL, "410200");
        var second = testMerchants.application(Sector.RETAIL, "410200");
        var body = body(second);
        body.put("creditCode", first.merchant().creditCode().toLowerCase());
        var response = api().post(APPLICATIONS, body);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("credit-code-taken");
        assertThat(accounts.findByUsername(second.ownerUsername())).isEmpty();
    }

    @Test
    void takenUsernameIsAConflictAndLeavesNoMerchant() {
        var first = testMerchants.pendingMerchant(Sector.RETAIL, "410200");
        var second = testMerchants.application(Sector.RETAIL, "410200");
        var body = body(second);
        body.put("ownerUsername", first.ownerUsername());
        var response = api().post(APPLICATIONS, body);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("field").asString()).isEqualTo("ownerUsername");
        long count = jdbc.sql("select count(*) from merchant.merchant where credit_code = :code")
                .param("code", second.creditCode()).query(Long.class).single();
        assertThat(count).isZero();
    }

    @Test
    void invalidCreditCodeIsABadRequestNamingTheField() {
        var body = body(testMerchants.application(Sector.RETAIL, "410200"));
        String code = (String) body.get("creditCode");
        char last = code.charAt(17);
        body.put("creditCode", code.substring(0, 17) + (last == '0' ? '1' : '0'));
        var response = api().post(APPLICATIONS, body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid-input");
        assertThat(response.json().get("field").asString()).isEqualTo("creditCode");
        assertThat(response.json().get("errors").get(0).get("messageKey").asString()).isEqualTo("merchant.error.creditCode.checkCharacter");
    }

    @Test
    void badInputIsAlwaysAProblemNeverAServerError() {
        assertThat(api().postRaw(APPLICATIONS, "{not json").status()).isEqualTo(400);
        assertThat(api().postRaw(APPLICATIONS, "").status()).isEqualTo(400);
        assertThat(api().post(APPLICATIONS, Map.of()).status()).isEqualTo(400);
        var body = body(testMerchants.application(Sector.RETAIL, "410200"));
        body.put("sector", "CASINO");
        assertThat(api().post(APPLICATIONS, body).status()).isEqualTo(400);
        body.put("sector", "RETAIL");
        body.put("stores", List.of(Map.of("name", "x", "address", "y", "leaseEndsOn", "2020-13-45")));
        assertThat(api().post(APPLICATIONS, body).status()).isEqualTo(400);
        body.put("stores", List.of(Map.of("name", "x", "address", "y", "leaseEndsOn", "2020-01-01")));
        var past = api().post(APPLICATIONS, body);
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("field").asString()).isEqualTo("stores[0].leaseEndsOn");
        body.put("stores", List.of());
        assertThat(api().post(APPLICATIONS, body).json().get("field").asString()).isEqualTo("stores");
        body.put("unknownField", 1);
        assertThat(api().post(APPLICATIONS, body).status()).isEqualTo(400);

        Api operator = api().as(users.create(Role.OPERATOR));
        assertThat(operator.get("/api/v1/merchants/not-a-uuid").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/merchants/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/merchants?size=101").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/merchants?page=-1").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/merchants?status=NOPE").status()).isEqualTo(400);
        assertThat(operator.post("/api/v1/merchants/" + UUID.randomUUID() + "/approve", null).status()).isEqualTo(404);
        assertThat(operator.post("/api/v1/merchants/" + UUID.randomUUID() + "/close",
                Map.of("reason", "x".repeat(501))).status()).isEqualTo(400);
    }

    @Test
    void operatorMovesAMerchantThroughItsLifecycleWithFullHistory() {
        var merchant = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        Api operator = api().as(users.create(Role.OPERATOR));
        String base = "/api/v1/merchants/" + merchant.id();
        assertThat(operator.post(base + "/suspend", Map.of("reason", "complaints")).json().get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(operator.post(base + "/suspend", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(operator.post(base + "/reinstate", Map.of("reason", "resolved")).json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(operator.post(base + "/closing", Map.of("reason", "lease ends")).json().get("status").asString()).isEqualTo("CLOSING");
        assertThat(operator.post(base + "/close", Map.of("reason", "closed")).json().get("status").asString()).isEqualTo("CLOSED");
        var history = operator.get(base + "/history").json();
        assertThat(history.size()).isEqualTo(6);
        assertThat(history.get(5).get("reason").asString()).isEqualTo("closed");
        assertThat(history.get(5).get("actor").asString()).startsWith("operator-");
        var closed = merchants.find(merchant.id()).orElseThrow();
        assertThat(closed.reasonItMayNotSell()).contains("merchant is CLOSED");
    }

    @Test
    void complianceFlagsStopSalesAndAreRecorded() {
        var merchant = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        Api regulator = api().as(users.create(Role.REGULATOR, null, "EDUCATION"));
        String path = "/api/v1/merchants/" + merchant.id() + "/compliance-flags";
        var noReason = regulator.put(path, Map.of("dishonestDebtor", true, "abnormalOperation", false, "deregistering", false));
        assertThat(noReason.status()).isEqualTo(400);
        var flagged = regulator.put(path, Map.of("dishonestDebtor", true, "abnormalOperation", false, "deregistering", false,
                "reason", "court list 2026-03"));
        assertThat(flagged.status()).isEqualTo(200);
        assertThat(flagged.json().get("flags").get("dishonestDebtor").asBoolean()).isTrue();
        assertThat(merchants.find(merchant.id()).orElseThrow().reasonItMayNotSell()).contains("merchant is on the dishonest-debtor list");
        var history = regulator.get("/api/v1/merchants/" + merchant.id() + "/history").json();
        assertThat(history.get(history.size() - 1).get("event").asString()).isEqualTo("FLAGS_CHANGED");
        var line = history.get(history.size() - 1);
        assertThat(line.get("reason").asString()).isEqualTo("court list 2026-03");
        assertThat(line.get("detail").asString()).as("what changed, in the caller's language").isEqualTo("列入失信被执行人名单。");
        assertThat(regulator.inLanguage("en").get("/api/v1/merchants/" + merchant.id() + "/history")
                .json().get(history.size() - 1).get("detail").asString()).isEqualTo("Put on the dishonest-debtor list.");
        var missingFlag = regulator.put(path, Map.of("dishonestDebtor", true, "reason", "x"));
        assertThat(missingFlag.status()).isEqualTo(400);
    }

    @Test
    void ownerAddsStoresAndChangesLeases() {
        var merchant = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        Api owner = api().as(merchant.owner());
        String stores = "/api/v1/merchants/" + merchant.id() + "/stores";
        var added = owner.post(stores, Map.of("name", "二店", "address", "开封市顺河区", "leaseEndsOn", "2031-06-30"));
        assertThat(added.status()).isEqualTo(201);
        String storeId = added.json().get("id").asString();
        assertThat(owner.post(stores, Map.of("name", "", "address", "x", "leaseEndsOn", "2031-06-30")).json().get("field").asString())
                .isEqualTo("name");
        var lease = owner.put(stores + "/" + storeId + "/lease", Map.of("leaseEndsOn", "2032-12-31"));
        assertThat(lease.status()).isEqualTo(200);
        assertThat(lease.json().get("leaseEndsOn").asString()).isEqualTo("2032-12-31");
        assertThat(owner.put(stores + "/" + storeId + "/lease", Map.of("leaseEndsOn", "2020-01-01")).status()).isEqualTo(400);
        assertThat(owner.put(stores + "/" + UUID.randomUUID() + "/lease", Map.of("leaseEndsOn", "2032-12-31")).status()).isEqualTo(404);
        assertThat(merchants.find(merchant.id()).orElseThrow().stores()).hasSize(2);
    }

    @Test
    void ownerLoginWorksWithTheTestPassword() {
        var merchant = testMerchants.activeMerchant(Sector.CATERING, "410200");
        assertThat(api().as(merchant.ownerUsername(), TestUsers.PASSWORD).get("/api/v1/me").json().get("merchantId").asString())
                .isEqualTo(merchant.id().toString());
    }
}
