package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every insurance endpoint and page against every kind of caller; insurer B never sees insurer A's objects. */
class InsuranceAccessTests extends IntegrationTest {

    @Autowired
    Insurers insurers;
    @Autowired
    Policies policies;
    @Autowired
    Premiums premiums;
    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;
    @Autowired
    Ledger ledger;

    InsuranceFixtures fixtures;
    TestMerchants.Created gym;
    InsuranceFixtures.Insurer a;
    PolicyView policy;
    PremiumBillView bill;
    Map<String, UserAccount> logins;

    @BeforeEach
    void fixtures() {
        fixtures = new InsuranceFixtures(insurers, policies, users);
        var testMerchants = new TestMerchants(merchants, accounts);
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        new TestExposure(ledger).advance(gym.id(), 1_000_000, 500_000);
        a = fixtures.insurer(120, Money.yuan(50_000));
        var b = fixtures.insurer(150, Money.yuan(50_000));
        policy = fixtures.policy(a.product(), PolicyScope.MERCHANT, List.of(gym.id()), null, new CostSharing(0, 10_000, 0));
        bill = premiums.billPeriod(YearMonth.from(policies.today()), "test").stream()
                .filter(x -> x.policyId().equals(policy.id())).findFirst().orElseThrow();
        logins = new LinkedHashMap<>();
        logins.put("anonymous", null);
        logins.put("consumer", users.create(Role.CONSUMER));
        logins.put("owner", gym.owner());
        logins.put("staff", testMerchants.staff(gym.id()));
        logins.put("otherOwner", other.owner());
        logins.put("operator", users.create(Role.OPERATOR));
        logins.put("bank", users.create(Role.BANK));
        logins.put("insurerA", a.login());
        logins.put("insurerB", b.login());
        logins.put("regulator", users.create(Role.REGULATOR));
        logins.put("association", users.create(Role.ASSOCIATION));
    }

    // order: anonymous, consumer, owner, staff, otherOwner, operator, bank, insurerA, insurerB, regulator, association
    private void expect(Function<Api, Api.Response> call, int... statuses) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        int i = 0;
        for (var entry : logins.entrySet()) {
            expected.put(entry.getKey(), statuses[i++]);
            Api api = entry.getValue() == null ? api() : api().as(entry.getValue());
            actual.put(entry.getKey(), call.apply(api).status());
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    private void expectPage(String path, int... statuses) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        int i = 0;
        for (var entry : logins.entrySet()) {
            expected.put(entry.getKey(), statuses[i++]);
            FormSession session = entry.getValue() == null ? FormSession.anonymous(port)
                    : FormSession.loggedIn(port, entry.getValue().username());
            actual.put(entry.getKey(), session.get(path).statusCode());
        }
        assertThat(actual).as(path).containsExactlyEntriesOf(expected);
    }

    @Test
    void insurersAreManagedByOperatorsAndSeenByTheirOwnMembers() {
        String insurer = "/api/v1/insurance/insurers/" + a.insurer().id();
        expect(api -> api.get("/api/v1/insurance/insurers"), 401, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403);
        Map<String, Object> create = Map.of("name", "矩阵保险", "licenceNo", "LIC-M-" + System.nanoTime());
        expect(api -> api.post("/api/v1/insurance/insurers", create), 401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403);
        expect(api -> api.get(insurer), 401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        expect(api -> api.get(insurer + "/members"), 401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        Map<String, Object> link = Map.of("userId", users.create(Role.INSURER).id().toString());
        expect(api -> api.post(insurer + "/members", link), 401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403);
    }

    @Test
    void productsBelongToTheirInsurer() {
        expect(api -> api.get("/api/v1/insurance/products"), 401, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403);
        expect(api -> api.get("/api/v1/insurance/products/" + a.product().id()),
                401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        Map<String, Object> product = Map.of("insurerId", a.insurer().id().toString(), "name", "矩阵产品",
                "triggers", List.of("BANKRUPTCY"), "rates", List.of(Map.of("sector", "RETAIL", "tier", "B", "rateBps", 50)),
                "aggregateLimit", Map.of("amountMinor", 100_000_000, "currency", "CNY"),
                "perMerchantLimit", Map.of("amountMinor", 1_000_000, "currency", "CNY"),
                "perConsumerLimit", Map.of("amountMinor", 100_000, "currency", "CNY"));
        expect(api -> api.post("/api/v1/insurance/products", product), 401, 403, 403, 403, 403, 201, 403, 201, 404, 403, 403);
    }

    @Test
    void policiesAreSeenByTheirInsurerAndTheMerchantsTheyCover() {
        expect(api -> api.get("/api/v1/insurance/policies"), 401, 403, 200, 200, 200, 200, 403, 200, 200, 200, 403);
        expect(api -> api.get("/api/v1/insurance/policies/" + policy.id()), 401, 403, 200, 200, 404, 200, 403, 200, 404, 200, 403);
        expect(api -> api.get("/api/v1/insurance/policies/" + UUID.randomUUID()), 401, 403, 404, 404, 404, 404, 403, 404, 404, 404, 403);
        var start = policies.today();
        Map<String, Object> issue = Map.of("productId", a.product().id().toString(), "scope", "MERCHANT",
                "merchantIds", List.of(gym.id().toString()), "policyholder", "矩阵投保人", "startsOn", start.toString(),
                "endsOn", start.plusMonths(6).toString(),
                "costSharing", Map.of("merchantBps", 10_000, "platformBps", 0, "governmentBps", 0));
        expect(api -> api.post("/api/v1/insurance/policies", issue), 401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403);
        var asB = api().as(logins.get("insurerB")).get("/api/v1/insurance/policies").body();
        assertThat(asB).doesNotContain(policy.id().toString());
    }

    @Test
    void premiumBillsAreSeenByTheirInsurerAndRunByOperators() {
        expect(api -> api.get("/api/v1/insurance/bills"), 401, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403);
        expect(api -> api.get("/api/v1/insurance/bills/" + bill.id()), 401, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
        Map<String, Object> run = Map.of("period", YearMonth.from(policies.today()).toString());
        expect(api -> api.post("/api/v1/insurance/billing-runs", run, "m-" + UUID.randomUUID()),
                401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403);
        assertThat(api().as(logins.get("insurerB")).get("/api/v1/insurance/bills").body()).doesNotContain(bill.id().toString());
        assertThat(api().as(a.login()).get("/api/v1/insurance/bills?policyId=" + policy.id()).json().size()).isEqualTo(1);
    }

    @Test
    void pagesAnswerOnlyTheirAudience() {
        expectPage("/insurance", 302, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403);
        expectPage("/insurance/admin", 302, 403, 403, 403, 403, 200, 403, 403, 403, 200, 403);
        expectPage("/insurance/bills/" + bill.id(), 302, 403, 403, 403, 403, 200, 403, 200, 404, 200, 403);
    }
}
