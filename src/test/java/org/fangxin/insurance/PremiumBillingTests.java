package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.insurance.PremiumBillView.MerchantShareStatus;
import org.fangxin.ledger.AccountType;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Test;

/** Monthly premium bills: the premium per covered merchant, its exact split, each share booked once. */
class PremiumBillingTests extends InsuranceTest {

    @Test
    void billsEachShareExactlyOnceAndDueWhenThePayableIsShort() {
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        var rich = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var poor = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        exposure.advance(rich.id(), 5_000_000, 3_000_000);   // 30,000 yuan exposure
        exposure.earn(rich.id(), 200_000, 100_000);          // 1,000 yuan payable
        exposure.advance(poor.id(), 2_000_000, 1_234_567);   // 12,345.67 yuan exposure, nothing payable
        var policy = fixtures.policy(insurer.product(), PolicyScope.GROUP, List.of(rich.id(), poor.id()), null,
                new CostSharing(5_000, 3_000, 2_000));
        YearMonth period = YearMonth.from(policies.today());

        Money escrowBefore = exposure.balance(AccountType.ESCROW, rich.id());
        PremiumBillView bill = billOf(policy, period);
        // rich: 3,000,000 × 1.2 % / 12 = 3,000 fen → 1,500 / 900 / 600
        // poor: 1,234,567 × 1.2 % / 12 = 1,234.567 → 1,235 fen → 618 / 370 / 247 (the tied remainder goes to the first)
        assertThat(bill.premium()).isEqualTo(Money.fen(4_235));
        assertThat(bill.merchantShare()).isEqualTo(Money.fen(2_118));
        assertThat(bill.platformShare()).isEqualTo(Money.fen(1_270));
        assertThat(bill.governmentShare()).isEqualTo(Money.fen(847));
        assertThat(bill.merchantDue()).isEqualTo(Money.fen(618));
        var richLine = bill.lines().stream().filter(l -> l.merchantId().equals(rich.id())).findFirst().orElseThrow();
        var poorLine = bill.lines().stream().filter(l -> l.merchantId().equals(poor.id())).findFirst().orElseThrow();
        assertThat(richLine.merchantStatus()).isEqualTo(MerchantShareStatus.POSTED);
        assertThat(poorLine.merchantStatus()).isEqualTo(MerchantShareStatus.DUE);
        assertThat(poorLine.premium()).isEqualTo(Money.fen(1_235));

        String prefix = "premium:" + bill.id() + ":";
        // the share leaves the payable and, as cash, the merchant's escrow: escrow keeps equalling what it owes
        assertThat(amount(prefix + "MERCHANT:" + rich.id())).isEqualTo(2 * 1_500);
        assertThat(exposure.balance(AccountType.ESCROW, rich.id())).isEqualTo(escrowBefore.minus(Money.fen(1_500)));
        assertThat(ledger.findTransfer(prefix + "MERCHANT:" + poor.id())).isEmpty();
        assertThat(amount(prefix + "PLATFORM")).isEqualTo(1_270);
        assertThat(amount(prefix + "GOVERNMENT")).isEqualTo(847);
        assertThat(exposure.balance(AccountType.MERCHANT_PAYABLE, rich.id())).isEqualTo(Money.fen(100_000 - 1_500));
        assertThat(exposure.balance(AccountType.MERCHANT_PAYABLE, poor.id())).isEqualTo(Money.fen(0));
        assertThat(exposure.balance(AccountType.PREMIUM_PAYABLE, insurer.insurer().id())).isEqualTo(Money.fen(3_617));
        Eventually.holds(() -> assertThat(api().as(poor.owner()).get("/api/v1/notifications").body())
                .contains(policy.policyNumber())); // after commit (ADR 11)

        // A rerun (job, then the API) books nothing more.
        PremiumBillView again = billOf(policy, period);
        assertThat(again.id()).isEqualTo(bill.id());
        Api operator = api().as(users.create(Role.OPERATOR));
        var run = operator.post("/api/v1/insurance/billing-runs", Map.of("period", period.toString()), "bill-" + UUID.randomUUID());
        assertThat(run.status()).isEqualTo(201);
        assertThat(exposure.balance(AccountType.PREMIUM_PAYABLE, insurer.insurer().id())).isEqualTo(Money.fen(3_617));
        assertThat(exposure.balance(AccountType.MERCHANT_PAYABLE, rich.id())).isEqualTo(Money.fen(98_500));
        assertThat(premiums.bills(fixtures.operator(), policy.id(), 10)).hasSize(1);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aRegionPolicyBillsTheBudgetForEveryExposedMerchantOfTheRegion() {
        String region = "410224"; // Tongxu county: only this test uses it
        var insurer = fixtures.insurer(100, Money.yuan(5_000));
        var first = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, region);
        var second = testMerchants.activeMerchant(Sector.EDUCATION, region);
        testMerchants.activeMerchant(Sector.BEAUTY, region); // no exposure: no line
        exposure.advance(first.id(), 1_000_000, 600_000);     // 6,000 yuan, insured up to the 5,000 limit
        exposure.advance(second.id(), 1_000_000, 240_000);    // 2,400 yuan
        var policy = fixtures.policy(insurer.product(), PolicyScope.REGION, List.of(), region, new CostSharing(0, 0, 10_000));

        PremiumBillView bill = billOf(policy, YearMonth.from(policies.today()));
        assertThat(bill.lines()).extracting(PremiumBillView.Line::merchantId).containsExactlyInAnyOrder(first.id(), second.id());
        // 500,000 × 1 % / 12 = 416.67 → 417; 240,000 × 1 % / 12 = 200
        assertThat(bill.premium()).isEqualTo(Money.fen(617));
        assertThat(bill.governmentShare()).isEqualTo(Money.fen(617));
        assertThat(bill.merchantShare()).isEqualTo(Money.fen(0));
        assertThat(amount("premium:" + bill.id() + ":GOVERNMENT")).isEqualTo(617);
        assertThat(ledger.findTransfer("premium:" + bill.id() + ":PLATFORM")).isEmpty();
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void refusesToBillAFutureMonthOrWithoutAKey() {
        Api operator = api().as(users.create(Role.OPERATOR));
        String next = YearMonth.from(policies.today()).plusMonths(1).toString();
        assertThat(operator.post("/api/v1/insurance/billing-runs", Map.of("period", next), "bill-" + UUID.randomUUID()).code())
                .isEqualTo("billing-period-in-future");
        assertThat(operator.post("/api/v1/insurance/billing-runs", Map.of("period", next)).code())
                .isEqualTo("idempotency-key-missing");
    }

    @Test
    void twoBillersAtOnceBillThePolicyOnce() throws Exception {
        var insurer = fixtures.insurer(240, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        exposure.advance(gym.id(), 5_000_000, 3_000_000);
        exposure.earn(gym.id(), 100_000, 100_000);
        var policy = fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(10_000, 0, 0));
        YearMonth period = YearMonth.from(policies.today());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<PremiumBillView>>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return premiums.billPeriod(period, "race");
                }));
            }
            start.countDown();
            for (var run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(premiums.bills(fixtures.operator(), policy.id(), 10)).hasSize(1);
        // 3,000,000 × 2.4 % / 12 = 6,000 fen, taken once from the payable.
        assertThat(exposure.balance(AccountType.PREMIUM_PAYABLE, insurer.insurer().id())).isEqualTo(Money.fen(6_000));
        assertThat(exposure.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.fen(94_000));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }
}
