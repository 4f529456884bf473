package org.fangxin.bank.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.SEQUENCE;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.key;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.bank.BankExchange;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.PayoutView;
import org.fangxin.settlement.Settlements;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Several custodian banks (issue 13), the whole loop: two banks registered at run time each get their sandbox
 * instance; a merchant at each bank sells and redeems, the next day's settlement run pays both out (T+1), each payout
 * file goes to its own bank, each bank executes it, reports it and writes its own end-of-day statement, and each
 * statement is reconciled in its own bank's run: both certificates GREEN with bank = ledger escrow per bank.
 */
class SeveralBanksPayoutJourneyTests extends IntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired Settlements settlements;
    @Autowired SandboxBank sandbox;
    @Autowired BankExchange exchange;
    @Autowired Reconciliations reconciliations;
    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;

    /** A merchant at a bank (moved there by two operators while it held nothing), with its sub-account. */
    record AtBank(String bank, UUID merchantId, String accountNumber) { }

    @Test
    void twoBanksEachPayOutThroughTheirOwnSandboxAndReconcileGreenSeparately() {
        Api maker = api().as(users.create(Role.OPERATOR));
        Api checker = api().as(users.create(Role.OPERATOR));
        String bankA = register(maker, "JA");
        String bankB = register(maker, "JB");
        AtBank gym = merchantAt(maker, checker, bankA);
        AtBank school = merchantAt(maker, checker, bankB);
        sandbox.openAccount(gym.accountNumber());
        sandbox.openAccount(school.accountNumber());

        LocalDate day1 = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(1);
        while (day1.getDayOfWeek().getValue() >= 5) {  // both days business days: settlement pays on Mon–Fri
            day1 = day1.plusDays(1);
        }
        LocalDate day2 = day1.plusDays(1);
        at(day1, LocalTime.of(1, 0));
        new TestExposure(ledger).earn(gym.merchantId(), 80_000, 30_000);
        new TestExposure(ledger).earn(school.merchantId(), 120_000, 45_000);
        endOfDayAndExchange(day1, bankA, bankB);

        at(day2, LocalTime.of(3, 0));
        settlements.runDue();                       // T+1: yesterday's redemptions are paid out today
        settlements.exchangeWithBank();
        at(day2, LocalTime.of(10, 0));
        assertThat(sandbox.process(bankA)).as("bank A executes its own file").isEqualTo(1);
        assertThat(sandbox.process(bankB)).as("bank B executes its own file").isEqualTo(1);
        settlements.exchangeWithBank();
        endOfDayAndExchange(day2, bankA, bankB);

        Actor operator = new TestMerchants(merchants, accounts).operator();
        PayoutView gymPayout = onlyPayout(operator, gym);
        PayoutView schoolPayout = onlyPayout(operator, school);
        assertThat(gymPayout.amount()).isEqualTo(Money.fen(30_000));
        assertThat(schoolPayout.amount()).isEqualTo(Money.fen(45_000));
        assertThat(sandbox.instructions(bankA, null, 0, 50)).extracting(i -> i.endToEndId()).containsExactly(gymPayout.endToEndId());
        assertThat(sandbox.instructions(bankB, null, 0, 50)).extracting(i -> i.endToEndId()).containsExactly(schoolPayout.endToEndId());

        // Each bank's statements were imported as that bank's and reconciled against its own merchants' escrow.
        maker = api().as(users.create(Role.OPERATOR));   // a fresh session: the clock moved past the first one's expiry
        for (AtBank m : List.of(gym, school)) {
            long escrow = ledger.findAccount(AccountType.ESCROW, m.merchantId(), Money.CNY).orElseThrow().normalBalance().amountMinor();
            JsonNode certificate = maker.get("/api/v1/reconciliation/certificates?date=" + day2 + "&bank=" + m.bank()).json();
            assertThat(certificate.get("status").asString()).as(certificate.toString()).isEqualTo("GREEN");
            assertThat(certificate.get("openBreaks").size()).isZero();
            assertThat(certificate.get("accounts").size()).isEqualTo(1);
            JsonNode line = certificate.get("accounts").get(0);
            assertThat(line.get("accountNumber").asString()).isEqualTo(m.accountNumber());
            assertThat(line.get("bankClosing").get("amountMinor").asLong()).isEqualTo(escrow);
            assertThat(certificate.get("bankTotal").get("amountMinor").asLong()).isEqualTo(escrow);
            assertThat(certificate.get("ledgerTotal").get("amountMinor").asLong()).isEqualTo(escrow);
        }
        assertThat(ledger.findAccount(AccountType.ESCROW, gym.merchantId(), Money.CNY).orElseThrow().normalBalance())
                .isEqualTo(Money.fen(80_000 - 30_000));
        assertThat(ledger.findAccount(AccountType.ESCROW, school.merchantId(), Money.CNY).orElseThrow().normalBalance())
                .isEqualTo(Money.fen(120_000 - 45_000));

        // A user of bank A sees its own payout and statements, never bank B's.
        UserAccount userA = users.create(Role.BANK);
        assertThat(maker.post("/api/v1/bank/custodian-banks/" + bankA + "/members", Map.of("userId", userA.id().toString()), key())
                .status()).isEqualTo(200);
        Api bankUserA = api().as(userA);
        assertThat(endToEndIds(bankUserA.get("/api/v1/bank/instructions").json()))
                .containsExactly(gymPayout.endToEndId());
        assertThat(endToEndIds(bankUserA.get("/api/v1/bank/sent-instructions").json()))
                .contains(gymPayout.endToEndId()).doesNotContain(schoolPayout.endToEndId());
        List<String> statementAccounts = new ArrayList<>();
        bankUserA.get("/api/v1/bank/statements").json().forEach(s -> statementAccounts.add(s.toString()));
        assertThat(statementAccounts).isNotEmpty().noneMatch(s -> s.contains(bankB));
        assertThat(bankUserA.get("/api/v1/reconciliation/certificates?date=" + day2 + "&bank=" + bankB).status()).isEqualTo(404);
        assertThat(bankUserA.get("/api/v1/bank/merchants/" + school.merchantId() + "/movements").status()).isEqualTo(404);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    private void endOfDayAndExchange(LocalDate day, String... banks) {
        at(day, LocalTime.of(23, 30));
        for (String bank : banks) {
            assertThat(sandbox.endOfDay(bank, day)).isEqualTo("camt053-" + bank + "-" + day);
        }
        settlements.exchangeWithBank();
    }

    private PayoutView onlyPayout(Actor operator, AtBank merchant) {
        List<PayoutView> payouts = settlements.payouts(operator, merchant.merchantId(), null, 0, 10);
        assertThat(payouts).as("payouts of " + merchant).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PayoutStatus.CONFIRMED));
        return payouts.get(0);
    }

    private static List<String> endToEndIds(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(i -> ids.add(i.get("endToEndId").asString()));
        return ids;
    }

    private static String register(Api operator, String prefix) {
        String code = prefix + (SEQUENCE.incrementAndGet() % 100_000_000L);
        var registered = operator.post("/api/v1/bank/custodian-banks", Map.of("code", code, "nameZh", "旅程银行" + code,
                "nameEn", "Journey bank " + code, "custodyAccount", "CUST-" + code), key());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return code;
    }

    private AtBank merchantAt(Api maker, Api checker, String bank) {
        var merchant = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var proposed = maker.post("/api/v1/bank/merchants/" + merchant.id() + "/bank-moves", Map.of("toBank", bank), key());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        var applied = checker.post("/api/v1/bank/bank-moves/" + proposed.json().get("id").asString() + "/apply", null, key());
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        return new AtBank(bank, merchant.id(), exchange.subAccountOf(merchant.id()));
    }

    private void at(LocalDate day, LocalTime time) {
        Instant target = day.atTime(time).atZone(SHANGHAI).toInstant();
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }
}
