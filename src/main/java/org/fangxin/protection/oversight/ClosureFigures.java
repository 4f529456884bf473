package org.fangxin.protection.oversight;

import org.fangxin.shared.Money;

/**
 * The money of closures, summed from the ledger by posting key (docs/protection.md "Closures dashboard"): cards
 * affected and compensated (paid lines), compensation paid to consumers and where it came from (escrow, risk deposit, guarantee fund), what the
 * insurer paid back (and still owes on approved claims), what was recovered from the merchant, written off (lost), and
 * still open against the merchant.
 */
public record ClosureFigures(long cases, long cardsAffected, long cardsCompensated, Money compensated, Money fromEscrow, Money fromDeposit,
                             Money fromFund, Money fromInsurer, Money insurerOwes, Money fromMerchant, Money lost,
                             Money stillOpen) {

    public static final ClosureFigures NONE = new ClosureFigures(0, 0, 0, Money.fen(0), Money.fen(0), Money.fen(0), Money.fen(0),
            Money.fen(0), Money.fen(0), Money.fen(0), Money.fen(0), Money.fen(0));

    public ClosureFigures plus(ClosureFigures o) {
        return new ClosureFigures(cases + o.cases, cardsAffected + o.cardsAffected,
                cardsCompensated + o.cardsCompensated, compensated.plus(o.compensated),
                fromEscrow.plus(o.fromEscrow), fromDeposit.plus(o.fromDeposit), fromFund.plus(o.fromFund),
                fromInsurer.plus(o.fromInsurer), insurerOwes.plus(o.insurerOwes), fromMerchant.plus(o.fromMerchant),
                lost.plus(o.lost), stillOpen.plus(o.stillOpen));
    }
}
