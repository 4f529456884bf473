package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.Closures;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * ADR 12 §8h: a product and policy defined through the API are written on every shard under one id, so a REGION or
 * GROUP policy covers merchants of every shard, a claim filed on ds_2 finds it and takes its aggregate limit with the
 * claims of ds_1, and the lists show it once. A copy lost on one shard is made again by a retry with the same
 * Idempotency-Key. The premium bills of such a policy are made on the shards of its merchants and settled there by id;
 * loss ratios, the subrogation register and the guarantee fund add up every shard.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedInsuranceCopiesTests extends IntegrationTest {

    /** A district no other test uses, so that the REGION policy covers this test's merchants only. */
    static final String REGION = "469931";

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Insurers insurers;
    @Autowired Policies policies;
    @Autowired Claims claims;
    @Autowired Closures closures;
    @Autowired Ledger ledger;
    @Autowired InsuranceCopies copies;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @Test
    void aProductAndRegionPolicyDefinedThroughTheApiCoverMerchantsOnEveryShardAndAClosureOnDs2FilesAClaimAgainstIt() {
        List<JdbcClient> shards = ShardBooks.connect(ShardBooks.configuredUrls());
        Api operator = api().as(users.create(Role.OPERATOR));
        long n = System.nanoTime() % 1_000_000_000L;
        Api.Response insurer = operator.post("/api/v1/insurance/insurers", Map.of("name", "分片承保 " + n,
                "licenceNo", "LIC-C-" + n), "ins-" + n);
        assertThat(insurer.status()).as(insurer.body()).isEqualTo(201);
        UserAccount login = users.create(Role.INSURER);
        String insurerId = insurer.json().get("id").asString();
        assertThat(operator.post("/api/v1/insurance/insurers/" + insurerId + "/members", Map.of("userId", login.id()))
                .status()).isEqualTo(200);
        List<UUID> gyms = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6;
            gyms.add(ShardRouting.onNewMerchant(slot,
                    () -> new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, REGION).id()));
            assertThat(ShardRouting.shardOf(gyms.get(shard - 1))).isEqualTo("ds_" + shard);
        }

        Api asInsurer = api().as(login);
        List<ProductRate> rates = Arrays.stream(Sector.values()).map(s -> new ProductRate(s, RiskTier.B, 60)).toList();
        Api.Response product = asInsurer.post("/api/v1/insurance/products", new NewProduct(null, "区域放心险 " + n,
                EnumSet.allOf(ClosureTrigger.class), rates, Money.yuan(5_000), Money.yuan(5_000), Money.yuan(5_000)),
                "product-" + n);
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        UUID productId = UUID.fromString(product.json().get("id").asString());
        LocalDate start = policies.today().withDayOfMonth(1);
        NewPolicy regionPolicy = new NewPolicy(productId, PolicyScope.REGION, List.of(), REGION, "海南测试区市场监督管理局",
                start, start.plusYears(1).minusDays(1), new CostSharing(0, 10_000, 0));
        String key = "policy-" + n;
        Api.Response issued = operator.post("/api/v1/insurance/policies", regionPolicy, key);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        UUID policyId = UUID.fromString(issued.json().get("id").asString());
        for (JdbcClient shard : shards) {
            assertThat(count(shard, "insurance.product where id = :id", productId)).isEqualTo(1);
            assertThat(count(shard, "insurance.product_rate where product_id = :id", productId)).isEqualTo(rates.size());
            assertThat(count(shard, "insurance.policy where id = :id", policyId)).as("a copy on every shard").isEqualTo(1);
        }

        // A copy lost on ds_1 (a shard down during the copy): the retry with the same key replays and copies again.
        shards.get(1).sql("delete from insurance.policy where id = :id").param("id", policyId).update();
        Api.Response retried = operator.post("/api/v1/insurance/policies", regionPolicy, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.json().get("id").asString()).isEqualTo(policyId.toString());
        assertThat(count(shards.get(1), "insurance.policy where id = :id", policyId)).isEqualTo(1);

        assertThat(ids(operator.get("/api/v1/insurance/policies").json())).as("listed once")
                .filteredOn(policyId.toString()::equals).hasSize(1);
        assertThat(ids(asInsurer.get("/api/v1/insurance/policies").json())).containsExactly(policyId.toString());
        assertThat(asInsurer.get("/api/v1/insurance/products/" + productId).status()).isEqualTo(200);
        for (UUID gym : gyms) {
            Api staff = api().as(new TestMerchants(merchants, accounts).staff(gym));
            assertThat(ids(staff.get("/api/v1/insurance/policies").json())).as("the cover of a gym on " + ShardRouting.shardOf(gym))
                    .contains(policyId.toString());
        }

        // Closures on ds_1 and then ds_2: each claim is filed against the policy on its own shard, and the aggregate
        // limit (5,000 yuan) counts both shards' claims.
        ClaimView onDs1 = closeAndClaim(gyms.get(0), 400_000);
        ClaimView onDs2 = closeAndClaim(gyms.get(1), 300_000);
        assertThat(onDs1.policyId()).isEqualTo(policyId);
        assertThat(onDs1.covered()).isEqualTo(Money.yuan(4_000));
        assertThat(onDs2.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(onDs2.policyId()).isEqualTo(policyId);
        assertThat(onDs2.covered()).as("what the ds_1 claim left of the aggregate").isEqualTo(Money.yuan(1_000));
        assertThat(onDs2.lines().get(0).capReason()).isEqualTo(CapReason.AGGREGATE_LIMIT);
        assertThat(count(shards.get(2), "insurance.claim where id = :id", onDs2.id())).isEqualTo(1);
        assertThat(count(shards.get(0), "insurance.claim where id = :id", onDs2.id())).isZero();
        Api.Response claim = asInsurer.get("/api/v1/insurance/claims/" + onDs2.id());
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
    }

    @Test
    void aShardThatRefusesItsCopyAnswersCopyIncompleteAndTheRetryWithTheSameKeyOrTheSweepCompletesIt() {
        List<JdbcClient> shards = ShardBooks.connect(ShardBooks.configuredUrls());
        var insurer = new InsuranceFixtures(insurers, policies, users).insurer(60, Money.yuan(5_000));
        UUID productId = insurer.product().id();
        int home = Integer.parseInt(ShardRouting.shardOf(productId).substring("ds_".length())); // routed by the product id
        JdbcClient refusing = shards.get((home + 1) % shards.size());
        LocalDate start = policies.today().withDayOfMonth(1);
        NewPolicy request = new NewPolicy(productId, PolicyScope.REGION, List.of(), "469932", "REFUSED-COPY-TEST",
                start, start.plusYears(1).minusDays(1), new CostSharing(0, 10_000, 0));
        Api operator = api().as(users.create(Role.OPERATOR));
        String key = "refused-" + productId;
        refusing.sql("""
                create or replace function insurance.refuse_copy_for_test() returns trigger language plpgsql as $$
                begin
                  if new.policyholder = 'REFUSED-COPY-TEST' then raise exception 'copy refused for the test'; end if;
                  return new;
                end $$""").update();
        refusing.sql("""
                create trigger refuse_copy_for_test before insert on insurance.policy
                for each row execute function insurance.refuse_copy_for_test()""").update();
        Api.Response refused;
        try {
            refused = operator.post("/api/v1/insurance/policies", request, key);
        } finally {
            refusing.sql("drop trigger refuse_copy_for_test on insurance.policy").update();
        }
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("insurance-copy-incomplete");
        UUID policyId = shards.get(home).sql("select id from insurance.policy where policyholder = 'REFUSED-COPY-TEST'"
                + " and product_id = :p").param("p", productId).query(UUID.class).single();
        assertThat(count(refusing, "insurance.policy where id = :id", policyId)).as("the refused copy").isZero();

        Api.Response retried = operator.post("/api/v1/insurance/policies", request, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.json().get("id").asString()).as("the same policy, not a second one").isEqualTo(policyId.toString());
        for (JdbcClient shard : shards) {
            assertThat(count(shard, "insurance.policy where id = :id", policyId)).isEqualTo(1);
        }

        // A client that never retries: the insurance-copies job's sweep makes the copy that a shard lacks.
        refusing.sql("delete from insurance.policy where id = :id").param("id", policyId).update();
        assertThat(copies.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(count(refusing, "insurance.policy where id = :id", policyId)).as("swept back").isEqualTo(1);
    }

    @Test
    void billsOfAGroupPolicyAreMadeOnTheShardsOfItsMerchantsAndSettledThereByIdAndTheFiguresAddUpEveryShard() {
        Api operator = api().as(users.create(Role.OPERATOR));
        var fixtures = new InsuranceFixtures(insurers, policies, users);
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        List<UUID> gyms = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6 + 1;
            gyms.add(ShardRouting.onNewMerchant(slot, () -> {
                UUID gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, REGION).id();
                new TestExposure(ledger).advance(gym, 1_200_000, 1_000_000);
                return gym;
            }));
        }
        LocalDate start = policies.today().withDayOfMonth(1);
        Api.Response issued = operator.post("/api/v1/insurance/policies", new NewPolicy(insurer.product().id(),
                PolicyScope.GROUP, gyms, null, "两店联保 group", start, start.plusYears(1).minusDays(1),
                new CostSharing(0, 5_000, 5_000)), "group-" + gyms.get(0));
        assertThat(issued.status()).as("a group of merchants on ds_1 and ds_2: " + issued.body()).isEqualTo(201);
        PolicyView policy = policies.find(UUID.fromString(issued.json().get("id").asString())).orElseThrow();
        YearMonth period = YearMonth.from(policies.today());
        Api.Response run = operator.post("/api/v1/insurance/billing-runs", Map.of("period", period.toString()), "bill-" + policy.id());
        assertThat(run.status()).as(run.body()).isEqualTo(201);

        JsonNode bills = operator.get("/api/v1/insurance/bills?policyId=" + policy.id()).json();
        assertThat(bills.size()).as("one bill on each shard of the policy's merchants").isEqualTo(2);
        String ds2Bill = null;
        for (JsonNode bill : bills) {
            JsonNode lines = operator.get("/api/v1/insurance/bills/" + bill.get("id").asString()).json().get("lines");
            assertThat(lines.size()).isEqualTo(1);
            if (lines.get(0).get("merchantId").asString().equals(gyms.get(1).toString())) {
                ds2Bill = bill.get("id").asString();
            }
        }
        assertThat(ds2Bill).as("the ds_2 gym's bill").isNotNull();
        ShardRouting.onMerchant(gyms.get(1), () -> ledger.post(NewTransfer.of("test-cash:" + UUID.randomUUID(),
                "the platform's cash on ds_2", EntryLine.debit(ledger.open(AccountType.PLATFORM_OPERATING_CASH, null,
                        Money.CNY).id(), Money.yuan(100)), EntryLine.credit(ledger.open(AccountType.PLATFORM_EQUITY, null,
                        Money.CNY).id(), Money.yuan(100)))));
        // 10,000 yuan insured at 1.2 % a year: 10.00 yuan a month, half platform, half government
        assertThat(operator.post("/api/v1/insurance/bills/" + ds2Bill + "/subsidy-receipt", Map.of("reference", "财政拨付-1"),
                "subsidy-" + ds2Bill).status()).isEqualTo(200);
        Api.Response remitted = operator.post("/api/v1/insurance/bills/" + ds2Bill + "/remittance", Map.of("reference", "汇款-1"),
                "remit-" + ds2Bill);
        assertThat(remitted.status()).as(remitted.body()).isEqualTo(200);
        assertThat(remitted.json().get("remitted").get("amountMinor").asLong()).isEqualTo(1_000);
        JsonNode settlement = api().as(insurer.login()).get("/api/v1/insurance/bills/" + ds2Bill + "/settlement").json();
        assertThat(settlement.get("remittedAt").isNull()).isFalse();
        List<JdbcClient> shards = ShardBooks.connect(ShardBooks.configuredUrls());
        assertThat(count(shards.get(2), "insurance.premium_settlement where bill_id = :id and remitted_at is not null",
                UUID.fromString(ds2Bill))).as("settled on the bill's shard").isEqualTo(1);
        Api.Response again = operator.post("/api/v1/insurance/bills/" + ds2Bill + "/remittance", Map.of("reference", "汇款-2"),
                "remit-again-" + ds2Bill);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("premium-already-settled");

        JsonNode ratios = api().as(insurer.login()).get("/api/v1/insurance/loss-ratios").json();
        JsonNode ratio = null;
        for (JsonNode r : ratios) {
            ratio = r.get("policyId").asString().equals(policy.id().toString()) ? r : ratio;
        }
        assertThat(ratio).as("the policy's loss ratio").isNotNull();
        assertThat(ratio.get("premiumBilled").get("amountMinor").asLong()).as("both shards' bills").isEqualTo(2_000);

        // A confirmed closure on ds_2 whose consumers the fund paid: in the subrogation register and the fund's movements.
        var marker = users.create(Role.OPERATOR).actor();
        var confirmer = users.create(Role.OPERATOR).actor();
        UUID caseId = ShardRouting.onMerchant(gyms.get(1), () -> {
            var opened = closures.mark(marker, gyms.get(1), "门店已关闭");
            closures.confirm(confirmer, opened.id(), "现场核查确认");
            new CompensationLedger(ledger).fundPaid(opened.id(), gyms.get(1), 70_000);
            return opened.id();
        });
        List<String> register = new ArrayList<>();
        operator.get("/api/v1/protection/subrogation").json().forEach(r -> register.add(r.get("caseId").asString()));
        assertThat(register).contains(caseId.toString());
        List<String> movements = new ArrayList<>();
        operator.get("/api/v1/protection/guarantee-fund").json().get("movements")
                .forEach(m -> movements.add(m.get("postingKey").asString()));
        assertThat(movements).anyMatch(k -> k.startsWith("compensation-paid:" + caseId + ":"));
    }

    private ClaimView closeAndClaim(UUID gym, long fundFen) {
        return ShardRouting.onMerchant(gym, () -> {
            UUID caseId = UUID.randomUUID();
            UUID card = new CompensationLedger(ledger).fundPaid(caseId, gym, fundFen);
            return claims.file(new NewClaim(caseId, gym, ClosureTrigger.CLOSURE_CONFIRMED, policies.today(),
                    List.of(new NewClaim.Line(card, UUID.randomUUID(), Money.fen(fundFen)))));
        });
    }

    private static long count(JdbcClient shard, String fromWhere, UUID id) {
        return shard.sql("select count(*) from " + fromWhere).param("id", id).query(Long.class).single();
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("id").asString()));
        return ids;
    }
}
