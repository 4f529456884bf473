package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.Deposits;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * ADR 12 §8g: an insurer's policies and bills, and the merchants' risk deposits and coverage, kept on ds_1 and ds_2.
 * The lists an insurer or an operator reads daily, which ran on ds_0 and showed none of them, ask each shard once and
 * show both; a policy or bill by id (no merchant gene) is found on the shard that keeps it; another insurer gets 404,
 * merchant staff get 403 on the operator's lists.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedInsuranceListsTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Insurers insurers;
    @Autowired Policies policies;
    @Autowired Premiums premiums;
    @Autowired Deposits deposits;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @Test
    void policiesBillsDepositsAndCoverageKeptOnEveryShardAreListedAndReadById() {
        Actor operator = users.create(Role.OPERATOR).actor();
        long n = System.nanoTime() % 1_000_000_000L;
        InsurerView insurer = insurers.create(operator, "分片保险 " + n, "LIC-S-" + n); // broadcast: every shard
        UserAccount login = users.create(Role.INSURER);
        insurers.link(operator, insurer.id(), login.id()); // the membership is on the directory shard
        List<UUID> gyms = new ArrayList<>();
        List<UUID> policyIds = new ArrayList<>();
        List<UUID> billIds = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle of shard n's third of the slots
            ShardRouting.onNewMerchant(slot, () -> {
                UUID gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200").id();
                List<ProductRate> rates = Arrays.stream(Sector.values()).map(s -> new ProductRate(s, RiskTier.B, 60)).toList();
                ProductView product = insurers.defineProduct(operator, new NewProduct(insurer.id(), "放心消费险 " + n,
                        EnumSet.allOf(ClosureTrigger.class), rates, Money.yuan(30_000_000), Money.yuan(100_000), Money.yuan(5_000)));
                PolicyView policy = new InsuranceFixtures(insurers, policies, users).policy(product, PolicyScope.MERCHANT,
                        List.of(gym), null, new CostSharing(10_000, 0, 0));
                YearMonth period = YearMonth.from(policies.today());
                premiums.billPeriod(period, "test").stream().filter(b -> b.policyId().equals(policy.id()))
                        .forEach(b -> billIds.add(b.id()));
                deposits.lodge(operator, gym, Money.yuan(20_000), "RD-" + n + "-" + gym.toString().substring(0, 8));
                deposits.check(gym);
                gyms.add(gym);
                policyIds.add(policy.id());
                return null;
            });
            assertThat(ShardRouting.shardOf(gyms.get(shard - 1))).isEqualTo("ds_" + shard);
        }
        assertThat(billIds).as("one bill per policy").hasSize(2);

        Api asOperator = api().as(users.create(Role.OPERATOR));
        Api asInsurer = api().as(login);
        for (Api reader : List.of(asOperator, asInsurer)) {
            assertThat(ids(reader.get("/api/v1/insurance/policies").json(), "id")).containsAll(strings(policyIds));
            assertThat(ids(reader.get("/api/v1/insurance/bills").json(), "id")).containsAll(strings(billIds));
            for (int i = 0; i < 2; i++) {
                Api.Response policy = reader.get("/api/v1/insurance/policies/" + policyIds.get(i));
                assertThat(policy.status()).as(policy.body()).isEqualTo(200);
                assertThat(policy.json().get("merchantIds").get(0).asString()).isEqualTo(gyms.get(i).toString());
                Api.Response bill = reader.get("/api/v1/insurance/bills/" + billIds.get(i));
                assertThat(bill.status()).as(bill.body()).isEqualTo(200);
                assertThat(bill.json().get("policyId").asString()).isEqualTo(policyIds.get(i).toString());
            }
        }

        UserAccount otherLogin = users.create(Role.INSURER);
        insurers.link(operator, insurers.create(operator, "另一保险 " + n, "LIC-O-" + n).id(), otherLogin.id());
        Api otherInsurer = api().as(otherLogin);
        assertThat(ids(otherInsurer.get("/api/v1/insurance/policies").json(), "id")).doesNotContainAnyElementsOf(strings(policyIds));
        assertThat(ids(otherInsurer.get("/api/v1/insurance/bills").json(), "id")).doesNotContainAnyElementsOf(strings(billIds));
        assertThat(otherInsurer.get("/api/v1/insurance/policies/" + policyIds.get(1)).status()).as("another insurer's policy").isEqualTo(404);
        assertThat(otherInsurer.get("/api/v1/insurance/bills/" + billIds.get(1)).status()).as("another insurer's bill").isEqualTo(404);

        assertThat(ids(asOperator.get("/api/v1/protection/deposits").json(), "merchantId")).containsAll(strings(gyms));
        assertThat(ids(asOperator.get("/api/v1/protection/coverage").json(), "merchantId")).containsAll(strings(gyms));
        Api staff = api().as(new TestMerchants(merchants, accounts).staff(gyms.get(0)));
        assertThat(staff.get("/api/v1/protection/deposits").status()).as("the operator's list").isEqualTo(403);
        assertThat(staff.get("/api/v1/protection/coverage").status()).isEqualTo(403);
        assertThat(staff.get("/api/v1/insurance/bills/" + billIds.get(1)).status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode rows, String field) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get(field).asString()));
        return ids;
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
