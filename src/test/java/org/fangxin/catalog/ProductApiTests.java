package org.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.catalog.ProductDrafts.monthlyPass;
import static org.fangxin.catalog.ProductDrafts.sessionPack;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.domain.ContractDocument;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.rules.Violation;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProductApiTests extends IntegrationTest {

    static final String SHANGHAI = "310104";

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;
    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;

    TestMerchants testMerchants;

    @BeforeEach
    void setUp() {
        testMerchants = new TestMerchants(merchants, accounts);
    }

    private TestMerchants.Created shanghaiGym() {
        return testMerchants.activeMerchant(Sector.SPORTS_FITNESS, SHANGHAI);
    }

    private static UUID store(TestMerchants.Created merchant) {
        return merchant.merchant().stores().get(0).id();
    }

    @Test
    void ownerOfAnActiveMerchantListsAProductWithAHashedContract() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());

        var created = owner.post("/api/v1/products", sessionPack(store(gym), 2000, 60, 12));

        assertThat(created.status()).isEqualTo(201);
        var product = created.json();
        assertThat(product.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(product.get("price").get("amountMinor").asLong()).isEqualTo(200_000L);
        var contract = owner.get("/api/v1/contracts/" + product.get("currentVersionId").asString()).json();
        assertThat(contract.get("number").asInt()).isEqualTo(1);
        assertThat(contract.get("contentSha256").asString())
                .isEqualTo(ContractDocument.sha256(contract.get("canonicalText").asString()));
        assertThat(contract.get("content").get("merchant").get("legalName").asString()).isEqualTo(gym.merchant().legalName());
        assertThat(owner.get("/api/v1/products").json().get(0).get("id").asString()).isEqualTo(product.get("id").asString());
    }

    @Test
    void pendingMerchantMayNotSell() {
        var pending = testMerchants.pendingMerchant(Sector.SPORTS_FITNESS, SHANGHAI);

        var refused = api().as(pending.owner()).post("/api/v1/products", monthlyPass(store(pending), 300, 1, null));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("merchant-may-not-sell");
    }

    @Test
    void flaggedMerchantMayNotSell() {
        var gym = shanghaiGym();
        merchants.changeComplianceFlags(testMerchants.operator(), gym.id(), new ComplianceFlags(true, false, false), "court list");

        var refused = api().inLanguage("en").as(gym.owner()).post("/api/v1/products", monthlyPass(store(gym), 300, 1, null));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("dishonest-debtor");
    }

    @Test
    void ruleViolationsAreListedWithTheirSourcesAndNothingIsWritten() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());

        var refused = owner.post("/api/v1/products", monthlyPass(store(gym), 6000, 25, "本卡概不退款"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("rule-violation");
        var rules = new java.util.ArrayList<String>();
        refused.json().get("violations").forEach(v -> {
            rules.add(v.get("rule").asString());
            assertThat(v.get("source").asString()).isNotBlank();
        });
        assertThat(rules).containsExactlyInAnyOrder(Violation.AMOUNT_ABOVE_CAP, Violation.TERM_ABOVE_CAP, Violation.BANNED_CLAUSE);
        assertThat(refused.body()).contains("沪体规文〔2025〕1号", "概不退款");
        assertThat(owner.get("/api/v1/products").json().size()).isZero();
    }

    @Test
    void validityPastTheStoreLeaseIsRefused() {
        var gym = shanghaiGym();
        // two months from today: before the end of a six-month pass bought today
        LocalDate leaseEnd = LocalDate.ofInstant(clock.instant(), TestClock.SHANGHAI).plusMonths(2);
        merchants.changeLease(gym.ownerActor(), gym.id(), store(gym), leaseEnd);

        var refused = api().as(gym.owner()).post("/api/v1/products", monthlyPass(store(gym), 300, 6, null));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("violations").get(0).get("rule").asString()).isEqualTo("validity-past-lease-end");
    }

    @Test
    void incoherentDraftsAreInvalidInput() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());
        var foreignStore = monthlyPass(UUID.randomUUID(), 300, 1, null);
        var noTerms = monthlyPass(store(gym), 300, 1, null);
        noTerms.remove("terms");
        var wrongMethod = monthlyPass(store(gym), 300, 1, null);
        wrongMethod.put("terms", ProductDrafts.terms("PRO_RATA_SESSIONS", null));

        assertThat(owner.post("/api/v1/products", foreignStore).code()).isEqualTo("invalid-input");
        assertThat(owner.post("/api/v1/products", noTerms).status()).isEqualTo(400);
        assertThat(owner.post("/api/v1/products", wrongMethod).status()).isEqualTo(400);
        assertThat(owner.postRaw("/api/v1/products", "{\"name\":").status()).isEqualTo(400);
    }

    @Test
    void anotherMerchantsProductIsNotFound() {
        var gym = shanghaiGym();
        var rival = shanghaiGym();
        var productId = api().as(gym.owner()).post("/api/v1/products", monthlyPass(store(gym), 300, 1, null)).json().get("id").asString();
        var rivalApi = api().as(rival.owner());

        assertThat(rivalApi.post("/api/v1/products/" + productId + "/withdraw", null).status()).isEqualTo(404);
        assertThat(rivalApi.post("/api/v1/products/" + productId + "/versions", ProductDrafts.terms("PRO_RATA_DAYS", null)).status())
                .isEqualTo(404);
        assertThat(rivalApi.get("/api/v1/products/" + productId).status()).isEqualTo(404);
        assertThat(rivalApi.get("/api/v1/products").body()).doesNotContain(productId);
    }

    @Test
    void consumersMayNotListProducts() {
        var consumer = api().as(users.create(Role.CONSUMER));

        assertThat(consumer.post("/api/v1/products", monthlyPass(UUID.randomUUID(), 300, 1, null)).status()).isEqualTo(403);
    }

    @Test
    void dryRunReportsViolationsWithoutSaving() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());

        var bad = owner.post("/api/v1/products/check", monthlyPass(store(gym), 300, 1, "最终解释权归本店所有"));
        var good = owner.post("/api/v1/products/check", monthlyPass(store(gym), 300, 1, null));

        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.json().get("ok").asBoolean()).isFalse();
        assertThat(bad.json().get("violations").get(0).get("rule").asString()).isEqualTo("banned-clause");
        assertThat(good.json().get("ok").asBoolean()).isTrue();
        assertThat(owner.get("/api/v1/products").json().size()).isZero();
    }

    @Test
    void newTermsMakeANewVersionAndTheOldOneStaysImmutable() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());
        var product = owner.post("/api/v1/products", monthlyPass(store(gym), 300, 1, null)).json();
        String productId = product.get("id").asString();
        String firstVersionId = product.get("currentVersionId").asString();
        var first = owner.get("/api/v1/contracts/" + firstVersionId).json();

        var revised = owner.post("/api/v1/products/" + productId + "/versions", ProductDrafts.terms("PRO_RATA_DAYS", "每月可暂停一次"));
        var refused = owner.post("/api/v1/products/" + productId + "/versions", ProductDrafts.terms("PRO_RATA_DAYS", "概不退款"));

        assertThat(revised.status()).isEqualTo(201);
        assertThat(revised.json().get("number").asInt()).isEqualTo(2);
        assertThat(revised.json().get("contentSha256").asString()).isNotEqualTo(first.get("contentSha256").asString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(owner.get("/api/v1/products/" + productId).json().get("currentVersionId").asString())
                .isEqualTo(revised.json().get("id").asString());
        assertThat(owner.get("/api/v1/contracts/" + firstVersionId).json()).isEqualTo(first);
        assertThat(owner.get("/api/v1/products/" + productId + "/versions").json().size()).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.sql("update catalog.contract_version set canonical_text = 'forged' where id = :id")
                .param("id", UUID.fromString(firstVersionId)).update()).hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("delete from catalog.contract_version where id = :id")
                .param("id", UUID.fromString(firstVersionId)).update()).hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into catalog.contract_version (id, product_id, merchant_id, number, content, canonical_text,
                        content_sha256, created_at, created_by)
                select gen_random_uuid(), product_id, merchant_id, 99, content, canonical_text || 'forged', content_sha256,
                       created_at, 'test'
                  from catalog.contract_version where id = :id
                """).param("id", UUID.fromString(firstVersionId)).update()).hasStackTraceContaining("hash_matches_text");
    }

    @Test
    void idempotentCreateReplaysTheFirstAnswer() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());
        var draft = monthlyPass(store(gym), 300, 1, null);
        String key = "create-" + UUID.randomUUID();

        var first = owner.post("/api/v1/products", draft, key);
        var again = owner.post("/api/v1/products", draft, key);
        Map<String, Object> changed = new HashMap<>(draft);
        changed.put("price", ProductDrafts.money(301));
        var reused = owner.post("/api/v1/products", changed, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
        assertThat(owner.get("/api/v1/products").json().size()).isEqualTo(1);
    }

    @Test
    void withdrawnProductsLeaveThePublicCatalogAndTakeNoNewTerms() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());
        String productId = owner.post("/api/v1/products", monthlyPass(store(gym), 300, 1, null)).json().get("id").asString();
        assertThat(api().get("/api/v1/public/products?limit=100").body()).contains(productId);

        var withdrawn = owner.post("/api/v1/products/" + productId + "/withdraw", null);

        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(api().get("/api/v1/public/products?limit=100").body()).doesNotContain(productId);
        assertThat(owner.post("/api/v1/products/" + productId + "/withdraw", null).code()).isEqualTo("product-withdrawn");
        assertThat(owner.post("/api/v1/products/" + productId + "/versions", ProductDrafts.terms("PRO_RATA_DAYS", null)).code())
                .isEqualTo("product-withdrawn");
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/products/" + productId).status()).isEqualTo(404);
    }

    @Test
    void aWithdrawalRetriedWithItsKeyAnswersTheFirstWithdrawal() {
        var gym = shanghaiGym();
        var owner = api().as(gym.owner());
        String productId = owner.post("/api/v1/products", monthlyPass(store(gym), 300, 1, null)).json().get("id").asString();
        String key = "withdraw-" + UUID.randomUUID();

        var first = owner.post("/api/v1/products/" + productId + "/withdraw", null, key);
        var retry = owner.post("/api/v1/products/" + productId + "/withdraw", null, key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("status").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void purchasesReCheckCapsRealNameAndMerchantStanding() {
        var gym = shanghaiGym();
        var pack = api().as(gym.owner()).post("/api/v1/products", sessionPack(store(gym), 12000, 60, 12)).json();
        UUID productId = UUID.fromString(pack.get("id").asString());

        assertThat(products.checkPurchase(productId, store(gym), Money.zero(Money.CNY), true)).isEmpty();
        assertThat(products.checkPurchase(productId, store(gym), Money.zero(Money.CNY), false))
                .extracting(Violation::rule).containsExactly(Violation.REAL_NAME_REQUIRED);
        assertThat(products.checkPurchase(productId, store(gym), Money.yuan(9000), true))
                .extracting(Violation::rule).containsExactly(Violation.CONSUMER_TOTAL_ABOVE_CAP);
        merchants.suspend(testMerchants.operator(), gym.id(), "inspection");
        assertThatThrownBy(() -> products.checkPurchase(productId, store(gym), Money.zero(Money.CNY), true))
                .isInstanceOf(Rejection.class).hasMessageContaining("may not sell");
    }
}
