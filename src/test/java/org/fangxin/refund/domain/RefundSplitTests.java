package org.fangxin.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class RefundSplitTests {

    @Test
    void netsTheAdvanceAgainstWhatTheMerchantKeepsWhenEscrowCoversTheRefund() {
        // L 1,600, refund 1,400, advance 100: escrow 1,500 covers 1,400; retained 200 earns the advance 100
        RefundSplit split = RefundSplit.of(Money.yuan(1600), Money.yuan(1400), Money.yuan(100), Money.yuan(0), Money.yuan(0));
        assertThat(split.advanceNetted()).isEqualTo(Money.yuan(100));
        assertThat(split.payableCredit()).isEqualTo(Money.yuan(100));
        assertThat(split.shortfall()).isEqualTo(Money.yuan(0));
    }

    @Test
    void clawsTheShortfallBackFromPayableThenDeposit() {
        // L 1,600 all refunded, advance 600: escrow holds 1,000, shortfall 600 = 250 payable + 300 deposit + 50 uncovered
        RefundSplit split = RefundSplit.of(Money.yuan(1600), Money.yuan(1600), Money.yuan(600), Money.yuan(250), Money.yuan(300));
        assertThat(split.advanceNetted()).isEqualTo(Money.yuan(0));
        assertThat(split.shortfall()).isEqualTo(Money.yuan(600));
        assertThat(split.clawedFromPayable()).isEqualTo(Money.yuan(250));
        assertThat(split.clawedFromDeposit()).isEqualTo(Money.yuan(300));
        assertThat(split.uncovered()).isEqualTo(Money.yuan(50));
    }

    @Test
    void refusesAnAdvanceAboveTheUnredeemedValue() {
        assertThatThrownBy(() -> RefundSplit.of(Money.yuan(100), Money.yuan(100), Money.yuan(101), Money.yuan(0), Money.yuan(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
