package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.AccessMatrix;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every insurance endpoint and page against every kind of caller; insurer B never sees insurer A's objects. */
class InsuranceAccessMatrixTests extends InsuranceTest {

    TestMerchants.Created gym;
    InsuranceFixtures.Insurer a;
    PolicyView policy;
    PremiumBillView bill;
    AccessMatrix matrix;

    @BeforeEach
    void fixtures() {
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        exposure.advance(gym.id(), 1_000_000, 500_000);
        a = fixtures.insurer(120, Money.yuan(50_000));
        var b = fixtures.insurer(150, Money.yuan(50_000));
        policy = fixtures.policy(a.product(), PolicyScope.MERCHANT, List.of(gym.id()), null, new CostSharing(0, 10_000, 0));
        bill = premiums.billPeriod(YearMonth.from(policies.today()), "test").stream()
                .filter(x -> x.policyId().equals(policy.id())).findFirst().orElseThrow();
        matrix = new AccessMatrix(port);
        matrix.anonymous("anonymous");
        matrix.caller("consumer", users.create(Role.CONSUMER));
        matrix.caller("owner", gym.owner());
        matrix.caller("staff", testMerchants.staff(gym.id()));
        matrix.caller("otherOwner", other.owner());
        matrix.caller("operator", users.create(Role.OPERATOR));
        matrix.caller("bank", users.create(Role.BANK));
        matrix.caller("insurerA", a.login());
        matrix.caller("insurerB", b.login());
        matrix.caller("regulator", users.create(Role.REGULATOR));
        matrix.caller("association", users.create(Role.ASSOCIATION));
    }

    // order: anonymous, consumer, owner, staff, otherOwner, operator, bank, insurerA, insurerB, regulator, association
    @Test
    void insurersAreManagedByOperatorsAndSeenByTheirOwnMembers() {
        String insurer = "/api/v1/insurance/insurers/" + a.insurer().id();
        matrix.expect(api -> api.get("/api/v1/insurance/insurers"), 401, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403);
        Map<String, Object> create = Map.of("name", "矩阵保险", "licenceNo", "LIC-M-" + System.nanoTime());
        matrix.expect(api -> api.post("/api/v1/insurance/insurers", create), 401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403);
        matrix.expect(api -> api.get(insurer), 401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        matrix.expect(api -> api.get(insurer + "/members"), 401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        Map<String, Object> link = Map.of("userId", users.create(Role.INSURER).id().toString());
        matrix.expect(api -> api.post(insurer + "/members", link), 401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403);
    }

    @Test
    void productsBelongToTheirInsurer() {
        matrix.expect(api -> api.get("/api/v1/insurance/products"), 401, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403);
        matrix.expect(api -> api.get("/api/v1/insurance/products/" + a.product().id()),
                401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        Map<String, Object> product = Map.of("insurerId", a.insurer().id().toString(), "name", "矩阵产品",
                "triggers", List.of("BANKRUPTCY"), "rates", List.of(Map.of("sector", "RETAIL", "tier", "B", "rateBps", 50)),
                "aggregateLimit", Map.of("amountMinor", 100_000_000, "currency", "CNY"),
                "perMerchantLimit", Map.of("amountMinor", 1_000_000, "currency", "CNY"),
                "perConsumerLimit", Map.of("amountMinor", 100_000, "currency", "CNY"));
        matrix.expect(api -> api.post("/api/v1/insurance/products", product), 401, 403, 403, 403, 403, 201, 403, 201, 404, 403, 403);
    }

    @Test
    void policiesAreSeenByTheirInsurerAndTheMerchantsTheyCover() {
        matrix.expect(api -> api.get("/api/v1/insurance/policies"), 401, 403, 200, 200, 200, 200, 403, 200, 200, 200, 403);
        matrix.expect(api -> api.get("/api/v1/insurance/policies/" + policy.id()), 401, 403, 200, 200, 404, 200, 403, 200, 404, 200, 403);
        matrix.expect(api -> api.get("/api/v1/insurance/policies/" + UUID.randomUUID()), 401, 403, 404, 404, 404, 404, 403, 404, 404, 404, 403);
        var start = policies.today();
        Map<String, Object> issue = Map.of("productId", a.product().id().toString(), "scope", "MERCHANT",
                "merchantIds", List.of(gym.id().toString()), "policyholder", "矩阵投保人", "startsOn", start.toString(),
                "endsOn", start.plusMonths(6).toString(),
                "costSharing", Map.of("merchantBps", 10_000, "platformBps", 0, "governmentBps", 0));
        matrix.expect(api -> api.post("/api/v1/insurance/policies", issue), 401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403);
        var asB = matrix.api("insurerB").get("/api/v1/insurance/policies").body();
        assertThat(asB).doesNotContain(policy.id().toString());
    }

    @Test
    void premiumBillsAreSeenByTheirInsurerAndRunByOperators() {
        matrix.expect(api -> api.get("/api/v1/insurance/bills"), 401, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403);
        matrix.expect(api -> api.get("/api/v1/insurance/bills/" + bill.id()), 401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        Map<String, Object> run = Map.of("period", YearMonth.from(policies.today()).toString());
        matrix.expect(api -> api.post("/api/v1/insurance/billing-runs", run, "m-" + UUID.randomUUID()),
                401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403);
        assertThat(matrix.api("insurerB").get("/api/v1/insurance/bills").body()).doesNotContain(bill.id().toString());
        assertThat(api().as(a.login()).get("/api/v1/insurance/bills?policyId=" + policy.id()).json().size()).isEqualTo(1);
    }

    @Test
    void pagesAnswerOnlyTheirAudience() {
        matrix.expectPage("/insurance", 302, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403);
        matrix.expectPage("/insurance/admin", 302, 403, 403, 403, 403, 200, 403, 403, 403, 200, 403);
        matrix.expectPage("/insurance/bills/" + bill.id(), 302, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
    }
}
