package org.fangxin.settlement;

import org.fangxin.shared.Money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.shared.Money.fen;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestPayoutHolds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settlement on real PostgreSQL with the sandbox bank: money is earned (posted as the card module posts it), the
 * clock moves to the next run day, the run pays, the bank confirms or returns; the ledger invariants hold throughout.
 */
class SettlementTests extends IntegrationTest {

    @Autowired
    Settlements settlements;

    @Autowired
    Ledger ledger;

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    SandboxBank sandbox;

    @Autowired
    BankPort bank;

    @Autowired
    TestPayoutHolds holds;

    SettlementFixtures fixtures;
    Actor operator;

    @BeforeEach
    void fixtures() {
        fixtures = new SettlementFixtures(ledger, merchants, accounts, clock);
        operator = fixtures.testMerchants().operator();
    }

    @AfterEach
    void invariantsHold() {
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    private PayoutView payoutOf(UUID merchantId, LocalDate date) {
        List<PayoutView> payouts = settlements.payouts(operator, merchantId, null, 0, 50).stream()
                .filter(p -> p.settlementDate().equals(date)).toList();
        assertThat(payouts).hasSize(1);
        return payouts.get(0);
    }

    private void assertEscrowIdentity(UUID merchantId, long cardLiability) {
        long escrow = fixtures.balance(AccountType.ESCROW, merchantId).amountMinor();
        long payable = fixtures.balance(AccountType.MERCHANT_PAYABLE, merchantId).amountMinor();
        long settlement = fixtures.balance(AccountType.MERCHANT_SETTLEMENT, merchantId).amountMinor();
        long advance = fixtures.balance(AccountType.MERCHANT_ADVANCE, merchantId).amountMinor();
        assertThat(escrow - payable - settlement + advance).isEqualTo(cardLiability);
    }

    @Test
    void paysTheEarnedValueNextBusinessDayAndClearsItOnBankConfirmation() {
        TestMerchants.Created gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(gym.id(), 200_000, 3_333);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        fixtures.purchaseAndRedeem(gym.id(), 10_000, 500); // earned on the settlement day: paid next time

        RunView run = settlements.run(operator, date);

        PayoutView payout = payoutOf(gym.id(), date);
        assertThat(run.settlementDate()).isEqualTo(date);
        assertThat(payout.status()).isEqualTo(PayoutStatus.INSTRUCTED);
        assertThat(payout.amount()).isEqualTo(fen(3_333));
        assertThat(payout.submittedAt()).isNotNull();
        assertThat(payout.creditorAccount()).isEqualTo(merchants.settlementAccount(gym.id()).orElseThrow().accountNumber());
        assertThat(ledger.findTransfer("payout:" + payout.id())).isPresent();
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(500));
        assertThat(fixtures.balance(AccountType.MERCHANT_SETTLEMENT, gym.id())).isEqualTo(fen(3_333));
        assertThat(bank.status(payout.endToEndId()).orElseThrow().state()).isEqualTo(InstructionState.RECEIVED);
        assertEscrowIdentity(gym.id(), 210_000 - 3_833);
        assertThat(ledger.checkInvariants().holds()).isTrue();

        sandbox.process();
        settlements.exchangeWithBank();

        PayoutView confirmed = payoutOf(gym.id(), date);
        assertThat(confirmed.status()).isEqualTo(PayoutStatus.CONFIRMED);
        assertThat(ledger.findTransfer("payout-confirmed:" + payout.id())).isPresent();
        assertThat(fixtures.balance(AccountType.MERCHANT_SETTLEMENT, gym.id())).isEqualTo(fen(0));
        assertThat(fixtures.balance(AccountType.ESCROW, gym.id())).isEqualTo(fen(210_000 - 3_333));
        assertEscrowIdentity(gym.id(), 210_000 - 3_833);

        settlements.exchangeWithBank();
        assertThat(payoutOf(gym.id(), date).status()).as("a repeated answer changes nothing").isEqualTo(PayoutStatus.CONFIRMED);
    }

    @Test
    void aPayoutWhoseConfirmationCannotBeBookedDoesNotStopTheOthers() {
        TestMerchants.Created broken = fixtures.merchant(Sector.SPORTS_FITNESS);
        TestMerchants.Created sound = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(broken.id(), 5_000, 5_000);
        fixtures.purchaseAndRedeem(sound.id(), 5_000, 5_000);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, date);
        // The bank took a fee out of the broken merchant's escrow, so its payout's confirmation cannot be booked.
        var fees = ledger.open(AccountType.BANK_FEES, null, Money.CNY).id();
        var escrow = ledger.open(AccountType.ESCROW, broken.id(), Money.CNY).id();
        ledger.post(org.fangxin.ledger.NewTransfer.of("bank-fee:test-" + broken.id(), "fee taken from escrow",
                org.fangxin.ledger.EntryLine.debit(fees, fen(5_000)), org.fangxin.ledger.EntryLine.credit(escrow, fen(5_000))));

        sandbox.process();
        settlements.exchangeWithBank();

        assertThat(payoutOf(broken.id(), date).status()).isEqualTo(PayoutStatus.INSTRUCTED);
        assertThat(payoutOf(sound.id(), date).status()).isEqualTo(PayoutStatus.CONFIRMED);
    }

    @Test
    void rerunningADatePaysNobodyTwice() {
        TestMerchants.Created gym = fixtures.merchant(Sector.BEAUTY);
        fixtures.purchaseAndRedeem(gym.id(), 50_000, 7_000);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        RunView first = settlements.run(operator, date);
        clock.advance(Duration.ofHours(1));
        fixtures.purchaseAndRedeem(gym.id(), 50_000, 1_000);
        RunView again = settlements.run(operator, date);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.executions()).isEqualTo(first.executions() + 1);
        assertThat(payoutOf(gym.id(), date).amount()).isEqualTo(fen(7_000));
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(1_000));
    }

    @Test
    void aLateRunForAnEarlierDateDoesNotMakeTheNextRunPayAgain() {
        TestMerchants.Created gym = fixtures.merchant(Sector.CATERING);
        fixtures.purchaseAndRedeem(gym.id(), 50_000, 4_000);
        LocalDate first = fixtures.advanceToNextBusinessDay();
        fixtures.purchaseAndRedeem(gym.id(), 50_000, 600);
        LocalDate second = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, first);   // late: runs on the second day
        settlements.run(operator, second);

        assertThat(payoutOf(gym.id(), first).amount()).isEqualTo(fen(4_000));
        assertThat(payoutOf(gym.id(), second).amount()).isEqualTo(fen(600));
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(0));
    }

    @Test
    void twoInstancesRunningAtOnceMakeOnePayout() throws Exception {
        TestMerchants.Created gym = fixtures.merchant(Sector.RETAIL);
        fixtures.purchaseAndRedeem(gym.id(), 80_000, 12_345);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RunView>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<RunView> call = () -> {
                    start.await();
                    return settlements.run(operator, date);
                };
                runs.add(pool.submit(call));
            }
            for (Future<RunView> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(payoutOf(gym.id(), date).amount()).isEqualTo(fen(12_345));
        assertThat(fixtures.balance(AccountType.MERCHANT_SETTLEMENT, gym.id())).isEqualTo(fen(12_345));
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(0));
    }

    @Test
    void aReturnedPayoutGoesBackToPayableAndWaitsForACorrectedAccount() {
        TestMerchants.Created gym = fixtures.merchantWithClosedAccount();
        fixtures.purchaseAndRedeem(gym.id(), 30_000, 9_000);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, date);
        PayoutView payout = payoutOf(gym.id(), date);
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(0));

        sandbox.process();
        settlements.exchangeWithBank();

        PayoutView returned = payoutOf(gym.id(), date);
        assertThat(returned.status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(returned.returnCode()).isEqualTo(SandboxBank.CLOSED_ACCOUNT_CODE);
        var reversal = ledger.findTransfer("payout-returned:" + payout.id()).orElseThrow();
        assertThat(reversal.reverses()).isEqualTo(ledger.findTransfer("payout:" + payout.id()).orElseThrow().id());
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(9_000));
        assertThat(fixtures.balance(AccountType.MERCHANT_SETTLEMENT, gym.id())).isEqualTo(fen(0));
        assertThat(fixtures.balance(AccountType.ESCROW, gym.id())).isEqualTo(fen(30_000));
        assertEscrowIdentity(gym.id(), 21_000);
        assertThat(ledger.checkInvariants().holds()).isTrue();

        LocalDate next = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, next);
        PayoutView held = payoutOf(gym.id(), next);
        assertThat(held.status()).isEqualTo(PayoutStatus.HELD);
        assertThat(held.held()).isEqualTo(fen(9_000));
        assertThat(held.holdReason()).contains("corrected account");
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(9_000));

        // Issue 13, item 12: the owner corrects the account; it takes effect when an operator approves (dual control).
        var owner = api().as(gym.owner());
        var requested = owner.post("/api/v1/merchants/" + gym.id() + "/settlement-account-changes", java.util.Map.of(
                "accountName", gym.merchant().legalName(), "bankName", "开封银行", "accountNumber", "6222020200112233"),
                "sa-" + UUID.randomUUID());
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(requested.json().get("status").asString()).isEqualTo("PENDING");
        String changeId = requested.json().get("id").asString();
        assertThat(owner.post("/api/v1/settlement-account-changes/" + changeId + "/approve", null, "ap-" + UUID.randomUUID())
                .status()).isEqualTo(403);
        LocalDate stillHeld = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, stillHeld);
        assertThat(payoutOf(gym.id(), stillHeld).status()).as("not before an operator approves").isEqualTo(PayoutStatus.HELD);

        var approved = api().as(users.create(org.fangxin.identity.Role.OPERATOR)).post("/api/v1/settlement-account-changes/"
                + changeId + "/approve", null, "ap-" + UUID.randomUUID());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(merchants.settlementAccount(gym.id()).orElseThrow().accountNumber()).isEqualTo("6222020200112233");
        LocalDate paid = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, paid);
        assertThat(payoutOf(gym.id(), paid).status()).isEqualTo(PayoutStatus.INSTRUCTED);
        assertThat(payoutOf(gym.id(), paid).amount()).isEqualTo(fen(9_000));
    }

    @Test
    void holdsEverythingOfASuspendedMerchant() {
        TestMerchants.Created gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(gym.id(), 30_000, 2_500);
        merchants.suspend(operator, gym.id(), "complaints under investigation");
        LocalDate date = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, date);

        PayoutView held = payoutOf(gym.id(), date);
        assertThat(held.status()).isEqualTo(PayoutStatus.HELD);
        assertThat(held.amount()).isEqualTo(fen(0));
        assertThat(held.held()).isEqualTo(fen(2_500));
        assertThat(held.holdReason()).isEqualTo("merchant is SUSPENDED");
        assertThat(held.endToEndId()).isNull();
        assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(2_500));

        merchants.reinstate(operator, gym.id(), "investigation closed");
        LocalDate next = fixtures.advanceToNextBusinessDay();
        settlements.run(operator, next);
        assertThat(payoutOf(gym.id(), next).amount()).isEqualTo(fen(2_500));
    }

    @Test
    void withholdsTheValueOfDisputedRedemptions() {
        TestMerchants.Created gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(gym.id(), 30_000, 10_000);
        holds.hold(gym.id(), fen(3_000));
        try {
            LocalDate date = fixtures.advanceToNextBusinessDay();
            settlements.run(operator, date);
            PayoutView payout = payoutOf(gym.id(), date);
            assertThat(payout.status()).isEqualTo(PayoutStatus.INSTRUCTED);
            assertThat(payout.amount()).isEqualTo(fen(7_000));
            assertThat(payout.held()).isEqualTo(fen(3_000));
            assertThat(fixtures.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(fen(3_000));
        } finally {
            holds.release(gym.id());
        }
    }

    @Test
    void paysEducationWeeklyOnMondaysOnly() {
        TestMerchants.Created school = fixtures.merchant(Sector.EDUCATION);
        fixtures.purchaseAndRedeem(school.id(), 60_000, 4_800);
        LocalDate notMonday = fixtures.advanceToNext(d -> d.getDayOfWeek() == DayOfWeek.TUESDAY);
        settlements.run(operator, notMonday);
        assertThat(settlements.payouts(operator, school.id(), null, 0, 10)).isEmpty();

        LocalDate monday = fixtures.advanceToNext(DayOfWeek.MONDAY);
        settlements.run(operator, monday);
        assertThat(payoutOf(school.id(), monday).amount()).isEqualTo(fen(4_800));
    }
}
