package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ADR 12 §8h: a GROUP policy naming gyms on ds_1 and ds_2. Claims filed on both shards at the same instant take its
 * aggregate limit one after the other under the policy's lock on the directory, so together they never pass it; and a
 * regulator whose district holds those gyms opens the policy by id although neither gym is on ds_0.
 */
class ShardedInsuranceAcrossShardsTests extends ShardedClaimTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net against a hang, not a timed assertion
    void twoClaimsFiledOnTwoShardsAtOnceNeverTogetherPassThePolicysAggregateLimit() throws Exception {
        List<UUID> gyms = gymsOnDs1AndDs2(0);
        PolicyView policy = groupPolicy(gyms, Money.yuan(5_000));
        ExecutorService filers = Executors.newFixedThreadPool(2);
        List<Future<ClaimView>> filed = new ArrayList<>();
        // The test holds the policy's directory lock while both filings start, and lets go only once both wait for it:
        // they are then filed at the same instant, on ds_1 and ds_2, each with room for one of them only.
        try (Connection holder = holdingClaimsLock(policy.id()); Connection watcher = directory()) {
            for (UUID gym : gyms) {
                filed.add(filers.submit(() -> closeAndClaim(gym, 400_000)));
            }
            while (waitingFor(watcher, ClaimFiling.claimsLockOf(policy.id())) < 2) {
                assertThat(filed).as("a filing ended without waiting for the policy's lock").noneMatch(Future::isDone);
                Thread.sleep(20); // polls the lock table; nothing is timed
            }
            holder.rollback();
        }
        List<ClaimView> both = new ArrayList<>();
        try {
            for (Future<ClaimView> claim : filed) {
                both.add(claim.get(120, TimeUnit.SECONDS));
            }
        } finally {
            filers.shutdownNow();
        }

        assertThat(both).allMatch(c -> c.status() == ClaimStatus.FILED && policy.id().equals(c.policyId()));
        assertThat(both.stream().map(ClaimView::covered).reduce(Money.zero(Money.CNY), Money::plus))
                .as("the aggregate limit, not twice 4,000 yuan").isEqualTo(Money.yuan(5_000));
        assertThat(both).extracting(ClaimView::covered).containsExactlyInAnyOrder(Money.yuan(4_000), Money.yuan(1_000));
        ClaimView second = both.stream().filter(c -> c.covered().equals(Money.yuan(1_000))).findFirst().orElseThrow();
        assertThat(second.lines().get(0).capReason()).isEqualTo(CapReason.AGGREGATE_LIMIT);
    }

    @Test
    void aRegulatorOfTheDistrictOpensAGroupPolicyWhoseMerchantsAreOnOtherShardsOthersGetNotFound() {
        List<UUID> gyms = gymsOnDs1AndDs2(1);
        PolicyView policy = groupPolicy(gyms, Money.yuan(50_000));
        String path = "/api/v1/insurance/policies/" + policy.id();

        Api.Response ofTheDistrict = api().as(users.create(Role.REGULATOR, null, null, REGION)).get(path);
        assertThat(ofTheDistrict.status()).as(ofTheDistrict.body()).isEqualTo(200);
        assertThat(ofTheDistrict.json().get("id").asString()).isEqualTo(policy.id().toString());
        Api.Response ofTheSector = api().as(users.create(Role.REGULATOR, null, "SPORTS_FITNESS", REGION)).get(path);
        assertThat(ofTheSector.status()).as(ofTheSector.body()).isEqualTo(200);

        assertThat(api().as(users.create(Role.REGULATOR, null, null, "110100")).get(path).status())
                .as("a regulator of another city").isEqualTo(404);
        assertThat(api().as(users.create(Role.REGULATOR, null, "CATERING", REGION)).get(path).status())
                .as("a regulator of another sector").isEqualTo(404);
    }
}
