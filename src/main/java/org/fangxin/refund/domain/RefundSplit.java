package org.fangxin.refund.domain;

import org.fangxin.shared.Money;

/**
 * How one approved refund moves in the ledger (docs/ledger.md, "Refunds"). With L the card's unredeemed value, u the
 * refund and A its unearned advance: the retained value L − u first earns the advance ({@code advanceNetted} =
 * min(A, L − u)); the rest of it becomes payable. The advance left over is the escrow shortfall s = A − advanceNetted
 * (= u − (L − A) when positive), clawed back from the merchant's payable, then its risk deposit; what neither covers
 * stays in MERCHANT_ADVANCE as the merchant's debt ({@code uncovered}).
 */
public record RefundSplit(Money unredeemed, Money refund, Money advanceNetted, Money payableCredit, Money shortfall,
                          Money clawedFromPayable, Money clawedFromDeposit, Money uncovered) {

    public static RefundSplit of(Money unredeemed, Money refund, Money advanceOutstanding, Money payableBalance,
                                 Money depositBalance) {
        if (refund.isNegative() || refund.compareTo(unredeemed) > 0) {
            throw new IllegalArgumentException("refund must be within 0.." + unredeemed + ": " + refund);
        }
        if (advanceOutstanding.isNegative() || advanceOutstanding.compareTo(unredeemed) > 0) {
            throw new IllegalArgumentException("a card's unearned advance is within its unredeemed value: "
                    + advanceOutstanding + " of " + unredeemed);
        }
        Money zero = Money.zero(unredeemed.currency());
        Money retained = unredeemed.minus(refund);
        Money netted = advanceOutstanding.min(retained);
        Money payableCredit = retained.minus(netted);
        Money shortfall = advanceOutstanding.minus(netted);
        Money fromPayable = shortfall.min(payableBalance.plus(payableCredit).max(zero));
        Money fromDeposit = shortfall.minus(fromPayable).min(depositBalance.max(zero));
        Money uncovered = shortfall.minus(fromPayable).minus(fromDeposit);
        return new RefundSplit(unredeemed, refund, netted, payableCredit, shortfall, fromPayable, fromDeposit, uncovered);
    }

    public Money retained() {
        return unredeemed.minus(refund);
    }
}
