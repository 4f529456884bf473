package org.fangxin.insurance;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.TransferView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Base of the insurance module's application tests: its facades, insurers and policies, merchants and exposure. */
abstract class InsuranceTest extends IntegrationTest {

    @Autowired
    Insurers insurers;
    @Autowired
    Policies policies;
    @Autowired
    Premiums premiums;
    @Autowired
    Claims claims;
    @Autowired
    ClaimFigures claimFigures;
    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;
    @Autowired
    Ledger ledger;

    InsuranceFixtures fixtures;
    TestMerchants testMerchants;
    TestExposure exposure;

    @BeforeEach
    void insuranceFixtures() {
        fixtures = new InsuranceFixtures(insurers, policies, users);
        testMerchants = new TestMerchants(merchants, accounts);
        exposure = new TestExposure(ledger);
    }

    /** The policy's premium bill for the period (billing it, if it is not yet). */
    PremiumBillView billOf(PolicyView policy, YearMonth period) {
        return premiums.billPeriod(period, "test").stream().filter(b -> b.policyId().equals(policy.id())).findFirst()
                .orElseThrow();
    }

    /** What a posted transfer moved (the sum of its positive entries). */
    long amount(String postingKey) {
        return ledger.findTransfer(postingKey).map(TransferView::entries).orElseThrow().stream()
                .filter(e -> e.amount().isPositive()).mapToLong(e -> e.amount().amountMinor()).sum();
    }

    /** A closed gym insured by its own policy, and a case whose guarantee-fund lines are posted in the ledger. */
    record Insured(InsuranceFixtures.Insurer insurer, TestMerchants.Created merchant, PolicyView policy, UUID caseId) { }

    Insured insuredGym(Money perMerchantLimit) {
        var insurer = fixtures.insurer(120, perMerchantLimit);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var policy = fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(0, 10_000, 0));
        return new Insured(insurer, gym, policy, UUID.randomUUID());
    }
}
