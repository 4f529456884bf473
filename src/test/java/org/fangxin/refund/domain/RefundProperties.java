package org.fangxin.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.shared.Money;

/** Random card shapes, usages, fees and dates never create or lose a fen. */
class RefundProperties {

    static final LocalDate BOUGHT = LocalDate.of(2026, 3, 1);

    @Property(tries = 2000)
    void refundPlusRetainedIsTheUnredeemedValueAndStaysWithinPaid(@ForAll("cards") RefundBasis card,
                                                                 @ForAll RefundReason reason,
                                                                 @ForAll @IntRange(min = 0, max = 800) int daysAfterPurchase) {
        RefundQuote quote = RefundCalculator.quote(card, reason, BOUGHT.plusDays(daysAfterPurchase));
        assertThat(quote.refund().plus(quote.retained())).isEqualTo(card.unredeemed());
        assertThat(quote.refund().amountMinor()).isBetween(0L, card.paid().amountMinor());
        assertThat(quote.retained().isNegative()).isFalse();
        assertThat(quote.fee().compareTo(quote.refund().plus(quote.fee()))).isLessThanOrEqualTo(0);
        if (!reason.mayCarryFee()) {
            assertThat(quote.fee().isZero()).isTrue();
        }
    }

    @Property(tries = 1000)
    void anUnusedCardInsideCoolingOffComesBackInFull(@ForAll("cards") RefundBasis card, @ForAll RefundReason reason,
                                                     @ForAll @IntRange(min = 0, max = 30) int day) {
        RefundBasis unused = new RefundBasis(card.method(), card.paid(), card.listPrice(), card.paid(), card.sessionsTotal(),
                card.sessionsTotal(), card.validFrom(), card.validUntil(), BOUGHT, true, card.coolingOffDays(),
                card.contractFeeBp(), card.ruleFeeCapBp(), card.usedSessionsAtListPrice());
        RefundQuote quote = RefundCalculator.quote(unused, reason, BOUGHT.plusDays(day));
        if (day <= card.coolingOffDays() && card.coolingOffDays() > 0) {
            assertThat(quote.refund()).isEqualTo(card.paid());
            assertThat(quote.fee().isZero()).isTrue();
            assertThat(quote.method()).isIn(RefundMethodApplied.COOLING_OFF_FULL, RefundMethodApplied.EXPIRY_FULL);
        }
    }

    @Property(tries = 2000)
    void theSplitKeepsTheEscrowIdentity(@ForAll @LongRange(min = 0, max = 10_000_000) long unredeemed,
                                        @ForAll @IntRange(min = 0, max = 10_000) int refundShareBp,
                                        @ForAll @IntRange(min = 0, max = 10_000) int advanceShareBp,
                                        @ForAll @LongRange(min = 0, max = 5_000_000) long payable,
                                        @ForAll @LongRange(min = 0, max = 5_000_000) long deposit) {
        Money l = Money.fen(unredeemed);
        Money u = l.fraction(refundShareBp, 10_000, java.math.RoundingMode.FLOOR);
        Money a = l.fraction(advanceShareBp, 10_000, java.math.RoundingMode.FLOOR);
        RefundSplit split = RefundSplit.of(l, u, a, Money.fen(payable), Money.fen(deposit));
        // the retained value splits into advance earned and payable; the advance splits into earned, clawed, uncovered
        assertThat(split.advanceNetted().plus(split.payableCredit())).isEqualTo(l.minus(u));
        assertThat(split.advanceNetted().plus(split.clawedFromPayable()).plus(split.clawedFromDeposit())
                .plus(split.uncovered())).isEqualTo(a);
        // the card's escrow (L − A) plus what was clawed into it covers the refund unless something stays uncovered
        Money escrowForCard = l.minus(a).plus(split.clawedFromPayable()).plus(split.clawedFromDeposit());
        assertThat(escrowForCard.plus(split.uncovered()).compareTo(u)).isGreaterThanOrEqualTo(0);
        assertThat(split.clawedFromDeposit().amountMinor()).isLessThanOrEqualTo(deposit);
        assertThat(split.clawedFromPayable().amountMinor()).isLessThanOrEqualTo(payable + split.payableCredit().amountMinor());
        for (Money part : new Money[] {split.advanceNetted(), split.payableCredit(), split.shortfall(),
                split.clawedFromPayable(), split.clawedFromDeposit(), split.uncovered()}) {
            assertThat(part.isNegative()).isFalse();
        }
    }

    @Provide
    Arbitrary<RefundBasis> cards() {
        Arbitrary<Long> paid = Arbitraries.longs().between(1, 2_000_000);
        Arbitrary<Integer> listExtraBp = Arbitraries.integers().between(0, 20_000);
        Arbitrary<Integer> sessions = Arbitraries.integers().between(1, 200);
        Arbitrary<Integer> usedShareBp = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> validityDays = Arbitraries.integers().between(1, 1000);
        Arbitrary<RefundMethod> method = Arbitraries.of(RefundMethod.class);
        Arbitrary<Integer> coolingOff = Arbitraries.integers().between(0, 15);
        Arbitrary<Integer> feeBp = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> capBp = Arbitraries.integers().between(-1, 10_000);
        return Combinators.combine(paid, listExtraBp, sessions, usedShareBp, validityDays, method, coolingOff,
                Combinators.combine(feeBp, capBp, Arbitraries.of(true, false)).as((f, c, list) -> new int[] {f, c, list ? 1 : 0}))
                .as((p, extra, total, usedBp, days, m, cooling, fees) -> {
                    Money paidMoney = Money.fen(p);
                    Money list = paidMoney.plus(paidMoney.fraction(extra, 10_000, java.math.RoundingMode.FLOOR));
                    int used = (int) ((long) total * usedBp / 10_000);
                    int remaining = total - used;
                    // the card module allocates the price over sessions; what is left is the card's unredeemed value
                    Money unredeemed = paidMoney.fraction(remaining, total, java.math.RoundingMode.FLOOR);
                    return new RefundBasis(m, paidMoney, list, unredeemed, total, remaining, BOUGHT,
                            BOUGHT.plusDays(days - 1), BOUGHT, used == 0, cooling, fees[0], fees[1] < 0 ? null : fees[1],
                            fees[2] == 1);
                });
    }
}
