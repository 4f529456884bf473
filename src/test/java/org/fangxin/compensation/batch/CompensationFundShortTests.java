package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

class CompensationFundShortTests extends CompensationTestBase {

    @Test
    void aBatchWaitingForTheGuaranteeFundDoesNotStopAnotherMerchantsCompensation() {
        // Gym A took its advance out of escrow and lodged no deposit: its consumers need the guarantee fund.
        TestMerchants.Created gymA = gym();
        ProductView packA = product(gymA, ProductKind.SESSION_PACK, Money.yuan(1200), 20, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        buy(users.create(Role.CONSUMER), packA);
        clock.advance(Duration.ofDays(2));
        settle();
        // Gym B never took an advance out: its escrow pays everything.
        TestMerchants.Created gymB = gym();
        ProductView packB = product(gymB, ProductKind.SESSION_PACK, Money.yuan(800), 10, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        buy(users.create(Role.CONSUMER), packB);

        Money fund = balance(AccountType.PLATFORM_GUARANTEE_FUND, null);
        String drained = "test-fund-drain:" + UUID.randomUUID();
        if (fund.isPositive()) {
            postFund(drained, fund, false);
        }
        Batch batchA;
        try {
            batchA = awaitBatch(confirmClosure(gymA.id()).id()); // planned first, so a run meets it first
            Batch batchB = awaitBatch(confirmClosure(gymB.id()).id());
            assertThat(repository.totals(batchA.id()).fund()).isPositive();
            assertThat(repository.totals(batchB.id()).fund()).isZero();
            clock.advance(Duration.ofDays(8));

            payer.payDue();

            assertThat(repository.totals(batchB.id()).planned()).as("gym B's consumers are paid").isZero();
            assertThat(repository.totals(batchA.id()).planned()).as("gym A waits for the fund").isEqualTo(1);
            assertBooks(gymA.id(), "while A waits");
            assertBooks(gymB.id(), "after B was paid");
        } finally {
            if (fund.isPositive()) {
                postFund("test-fund-restore:" + UUID.randomUUID(), fund, true);
            }
        }
        topUpFund(Money.yuan(10_000));
        payer.payDue();
        assertThat(repository.totals(batchA.id()).planned()).as("once topped up, gym A is paid too").isZero();
    }

    /** Moves the guarantee fund's money to (or back from) the platform's equity. */
    private void postFund(String key, Money amount, boolean intoFund) {
        var fundAccount = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).id();
        var equity = ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id();
        ledger.post(NewTransfer.of(key, "test: guarantee fund " + (intoFund ? "restored" : "emptied"),
                intoFund ? EntryLine.debit(fundAccount, amount) : EntryLine.debit(equity, amount),
                intoFund ? EntryLine.credit(equity, amount) : EntryLine.credit(fundAccount, amount)));
    }
}
