package org.fangxin.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.RoundingMode;
import java.time.LocalDate;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Random card shapes, usages, fees and dates never create or lose a fen. */
class RefundProperties {

    static final LocalDate BOUGHT = LocalDate.of(2026, 3, 1);

    @Test
    void refundPlusRetainedIsTheUnredeemedValueAndStaysWithinPaid() {
        qt().withExamples(2000).forAll(cards(), arbitrary().enumValues(RefundReason.class), integers().between(0, 800))
                .checkAssert((card, reason, daysAfterPurchase) -> {
                    RefundQuote quote = RefundCalculator.quote(card, reason, BOUGHT.plusDays(daysAfterPurchase));
                    assertThat(quote.refund().plus(quote.retained())).isEqualTo(card.unredeemed());
                    assertThat(quote.refund().amountMinor()).isBetween(0L, card.paid().amountMinor());
                    assertThat(quote.retained().isNegative()).isFalse();
                    assertThat(quote.fee().compareTo(quote.refund().plus(quote.fee()))).isLessThanOrEqualTo(0);
                    if (!reason.mayCarryFee()) {
                        assertThat(quote.fee().isZero()).isTrue();
                    }
                });
    }

    @Test
    void anUnusedCardInsideCoolingOffComesBackInFull() {
        qt().withExamples(1000).forAll(cards(), arbitrary().enumValues(RefundReason.class), integers().between(0, 30))
                .checkAssert((card, reason, day) -> {
                    RefundBasis unused = new RefundBasis(card.method(), card.paid(), card.listPrice(), card.paid(),
                            card.sessionsTotal(), card.sessionsTotal(), card.validFrom(), card.validUntil(), BOUGHT, true,
                            card.coolingOffDays(), card.contractFeeBp(), card.ruleFeeCapBp(), card.usedSessionsAtListPrice());
                    RefundQuote quote = RefundCalculator.quote(unused, reason, BOUGHT.plusDays(day));
                    if (day <= card.coolingOffDays() && card.coolingOffDays() > 0) {
                        assertThat(quote.refund()).isEqualTo(card.paid());
                        assertThat(quote.fee().isZero()).isTrue();
                        assertThat(quote.method()).isIn(RefundMethodApplied.COOLING_OFF_FULL, RefundMethodApplied.EXPIRY_FULL);
                    }
                });
    }

    /** A card's unredeemed value, the shares of it refunded and advanced (bp), the merchant's payable and deposit. */
    record SplitCase(long unredeemed, int refundShareBp, int advanceShareBp, long payable, long deposit) { }

    @Test
    void theSplitKeepsTheEscrowIdentity() {
        Gen<SplitCase> cases = longs().between(0, 10_000_000).zip(integers().between(0, 10_000), integers().between(0, 10_000),
                longs().between(0, 5_000_000), longs().between(0, 5_000_000), SplitCase::new);
        qt().withExamples(2000).forAll(cases).checkAssert(RefundProperties::splitKeepsTheEscrowIdentity);
    }

    private static void splitKeepsTheEscrowIdentity(SplitCase c) {
        Money l = Money.fen(c.unredeemed());
        Money u = l.fraction(c.refundShareBp(), 10_000, RoundingMode.FLOOR);
        Money a = l.fraction(c.advanceShareBp(), 10_000, RoundingMode.FLOOR);
        RefundSplit split = RefundSplit.of(l, u, a, Money.fen(c.payable()), Money.fen(c.deposit()));
        // the retained value splits into advance earned and payable; the advance splits into earned, clawed, uncovered
        assertThat(split.advanceNetted().plus(split.payableCredit())).isEqualTo(l.minus(u));
        assertThat(split.advanceNetted().plus(split.clawedFromPayable()).plus(split.clawedFromDeposit())
                .plus(split.uncovered())).isEqualTo(a);
        // the card's escrow (L − A) plus what was clawed into it covers the refund unless something stays uncovered
        Money escrowForCard = l.minus(a).plus(split.clawedFromPayable()).plus(split.clawedFromDeposit());
        assertThat(escrowForCard.plus(split.uncovered()).compareTo(u)).isGreaterThanOrEqualTo(0);
        assertThat(split.clawedFromDeposit().amountMinor()).isLessThanOrEqualTo(c.deposit());
        assertThat(split.clawedFromPayable().amountMinor()).isLessThanOrEqualTo(c.payable() + split.payableCredit().amountMinor());
        for (Money part : new Money[] {split.advanceNetted(), split.payableCredit(), split.shortfall(),
                split.clawedFromPayable(), split.clawedFromDeposit(), split.uncovered()}) {
            assertThat(part.isNegative()).isFalse();
        }
    }

    /** How a card was bought and used: price, list-price markup (bp), sessions, used share (bp), validity in days. */
    record Shape(long paid, int listExtraBp, int sessions, int usedShareBp, int validityDays) { }

    /** The card's contract terms: refund method, cooling-off days, contract fee (bp), rule cap (bp, -1 = none). */
    record Terms(RefundMethod method, int coolingOffDays, int feeBp, int capBp, boolean usedAtListPrice) { }

    static Gen<RefundBasis> cards() {
        Gen<Shape> shapes = longs().between(1, 2_000_000).zip(integers().between(0, 20_000), integers().between(1, 200),
                integers().between(0, 10_000), integers().between(1, 1000), Shape::new);
        Gen<Terms> terms = arbitrary().enumValues(RefundMethod.class).zip(integers().between(0, 15),
                integers().between(0, 10_000), integers().between(-1, 10_000), booleans().all(), Terms::new);
        return shapes.zip(terms, RefundProperties::card);
    }

    private static RefundBasis card(Shape s, Terms t) {
        Money paid = Money.fen(s.paid());
        Money list = paid.plus(paid.fraction(s.listExtraBp(), 10_000, RoundingMode.FLOOR));
        int used = (int) ((long) s.sessions() * s.usedShareBp() / 10_000);
        int remaining = s.sessions() - used;
        // the card module allocates the price over sessions; what is left is the card's unredeemed value
        Money unredeemed = paid.fraction(remaining, s.sessions(), RoundingMode.FLOOR);
        return new RefundBasis(t.method(), paid, list, unredeemed, s.sessions(), remaining, BOUGHT,
                BOUGHT.plusDays(s.validityDays() - 1), BOUGHT, used == 0, t.coolingOffDays(), t.feeBp(),
                t.capBp() < 0 ? null : t.capBp(), t.usedAtListPrice());
    }
}
