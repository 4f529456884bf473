package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.insurance.PremiumBillView.MerchantShareStatus;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.junit.jupiter.api.Test;

/** After billing: due merchant shares collected later, the government subsidy received, the premium remitted once. */
class PremiumSettlementTests extends InsuranceTest {

    private void fundOperatingCash(long fen) {
        var cash = ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, Money.CNY).id();
        var equity = ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id();
        ledger.post(NewTransfer.of("test-cash:" + UUID.randomUUID(), "test operating cash", EntryLine.debit(cash, Money.fen(fen)),
                EntryLine.credit(equity, Money.fen(fen))));
    }

    @Test
    void collectsADueShareOnceThePayableHoldsItThenTakesTheSubsidyAndRemitsThePremiumOnce() {
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        exposure.advance(gym.id(), 5_000_000, 3_000_000); // 30 yuan a month, nothing payable yet
        var policy = fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(5_000, 3_000, 2_000));
        PremiumBillView bill = premiums.billPeriod(YearMonth.from(policies.today()), "test").stream()
                .filter(b -> b.policyId().equals(policy.id())).findFirst().orElseThrow();
        assertThat(bill.merchantDue()).isEqualTo(Money.fen(1_500));
        Api operator = api().as(users.create(Role.OPERATOR));
        String base = "/api/v1/insurance/bills/" + bill.id();

        // nothing to take yet: the share stays due, and the bill cannot be remitted
        assertThat(operator.post(base + "/collection", Map.of(), "c-" + UUID.randomUUID()).json().get("merchantDue")
                .get("amountMinor").asLong()).isEqualTo(1_500);
        assertThat(operator.post(base + "/remittance", Map.of(), "r-" + UUID.randomUUID()).code()).isEqualTo("premium-shares-due");

        exposure.earn(gym.id(), 10_000, 10_000);
        var collected = operator.post(base + "/collection", Map.of(), "c-" + UUID.randomUUID());
        assertThat(collected.status()).isEqualTo(200);
        assertThat(collected.json().get("merchantDue").get("amountMinor").asLong()).isZero();
        assertThat(premiums.bill(fixtures.operator(), bill.id()).lines().get(0).merchantStatus()).isEqualTo(MerchantShareStatus.POSTED);
        assertThat(amount("premium:" + bill.id() + ":MERCHANT:" + gym.id())).isEqualTo(2 * 1_500);
        assertThat(exposure.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.fen(8_500));

        assertThat(operator.post(base + "/remittance", Map.of(), "r-" + UUID.randomUUID()).code())
                .isEqualTo("premium-subsidy-outstanding");
        var subsidy = operator.post(base + "/subsidy-receipt", Map.of("reference", "开封财政 2026-03"), "s-" + UUID.randomUUID());
        assertThat(subsidy.status()).isEqualTo(200);
        assertThat(amount("subsidy-received:" + bill.id())).isEqualTo(600);
        assertThat(operator.post(base + "/subsidy-receipt", Map.of(), "s-" + UUID.randomUUID()).code())
                .isEqualTo("premium-already-settled");

        fundOperatingCash(900); // the platform's own 30 % share comes from its operating account
        String remitKey = "r-" + UUID.randomUUID();
        var remitted = operator.post(base + "/remittance", Map.of("reference", "转账 001"), remitKey);
        assertThat(remitted.status()).isEqualTo(200);
        assertThat(remitted.json().get("remitted").get("amountMinor").asLong()).isEqualTo(3_000);
        assertThat(amount("premium-paid:" + bill.id())).isEqualTo(3_000); // Dr PREMIUM_PAYABLE 3,000 / Cr collection 1,500, cash 1,500
        assertThat(exposure.balance(AccountType.PREMIUM_PAYABLE, insurer.insurer().id())).isEqualTo(Money.fen(0));
        assertThat(operator.post(base + "/remittance", Map.of("reference", "转账 001"), remitKey).header("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(operator.post(base + "/remittance", Map.of(), "r-" + UUID.randomUUID()).code())
                .isEqualTo("premium-already-settled");
        assertThat(api().as(insurer.login()).get(base + "/settlement").json().get("remittanceReference").asString())
                .isEqualTo("转账 001");
        assertThat(api().as(insurer.login()).post(base + "/remittance", Map.of(), "r-" + UUID.randomUUID()).status())
                .isEqualTo(403);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aRemittanceThePlatformCannotFundIsRefusedAndNothingChanges() {
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        exposure.advance(gym.id(), 5_000_000, 3_000_000);
        var policy = fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(0, 10_000, 0));
        PremiumBillView bill = premiums.billPeriod(YearMonth.from(policies.today()), "test").stream()
                .filter(b -> b.policyId().equals(policy.id())).findFirst().orElseThrow();
        Money cash = exposure.balance(AccountType.PLATFORM_OPERATING_CASH, null);
        Api operator = api().as(users.create(Role.OPERATOR));
        // the database is shared: when other tests left operating cash the platform can pay, so check the refusal only when it cannot
        if (cash.compareTo(Money.fen(3_000)) < 0) {
            var refused = operator.post("/api/v1/insurance/bills/" + bill.id() + "/remittance", Map.of(), "r-" + UUID.randomUUID());
            assertThat(refused.code()).isEqualTo("insufficient-balance");
            assertThat(api().as(insurer.login()).get("/api/v1/insurance/bills/" + bill.id() + "/settlement").json()
                    .get("remittedAt").isNull()).isTrue();
            assertThat(ledger.findTransfer("premium-paid:" + bill.id())).isEmpty();
        }
        fundOperatingCash(3_000);
        assertThat(operator.post("/api/v1/insurance/bills/" + bill.id() + "/remittance", Map.of(), "r-" + UUID.randomUUID())
                .status()).isEqualTo(200);
        assertThat(exposure.balance(AccountType.PREMIUM_PAYABLE, insurer.insurer().id())).isEqualTo(Money.fen(0));
    }

    @Test
    void theOperatorRecordsTheSubsidyAndRemitsOnTheBillPage() {
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        var gym = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        exposure.advance(gym.id(), 5_000_000, 3_000_000);
        var policy = fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(0, 0, 10_000));
        PremiumBillView bill = premiums.billPeriod(YearMonth.from(policies.today()), "test").stream()
                .filter(b -> b.policyId().equals(policy.id())).findFirst().orElseThrow();
        var page = org.fangxin.testing.FormSession.loggedIn(port, users.create(Role.OPERATOR).username());
        String path = "/insurance/bills/" + bill.id();
        assertThat(page.get(path).body()).contains("id=\"subsidy-received\"").doesNotContain("id=\"remit\"");

        assertThat(page.post(path + "/subsidy-receipt", "reference=KF-1&formKey=" + UUID.randomUUID()).statusCode()).isEqualTo(302);
        assertThat(page.get(path).body()).contains("id=\"remit\"").contains("KF-1");
        String formKey = UUID.randomUUID().toString();
        page.post(path + "/remittance", "reference=TX-9&formKey=" + formKey);
        page.post(path + "/remittance", "reference=TX-9&formKey=" + formKey); // a resubmitted form replays

        assertThat(page.get(path).body()).contains("TX-9").doesNotContain("id=\"remit\"");
        assertThat(amount("premium-paid:" + bill.id())).isEqualTo(3_000);
        assertThat(exposure.balance(AccountType.PREMIUM_PAYABLE, insurer.insurer().id())).isEqualTo(Money.fen(0));
    }
}
