package org.fangxin.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefundCalculatorTests {

    static final LocalDate BOUGHT = LocalDate.of(2026, 3, 1);

    /** A 60-session pack bought for 2,000 yuan (price per session 33.333… yuan), 12 used, no fee, 7 days cooling-off. */
    static RefundBasis gymPack(int remaining, Money unredeemed, int feeBp, Integer ruleCapBp) {
        return new RefundBasis(RefundMethod.PRO_RATA_SESSIONS, Money.yuan(2000), Money.yuan(2000), unredeemed, 60,
                remaining, BOUGHT, BOUGHT.plusMonths(12).minusDays(1), BOUGHT, remaining == 60, 7, feeBp, ruleCapBp, false);
    }

    @Test
    void refundsSixteenHundredYuanForFortyEightOfSixtySessions() {
        RefundQuote quote = RefundCalculator.quote(gymPack(48, Money.yuan(1600), 0, null), RefundReason.MERCHANT_CLOSED,
                BOUGHT.plusDays(40));
        assertThat(quote.method()).isEqualTo(RefundMethodApplied.PRO_RATA_SESSIONS);
        assertThat(quote.refund()).isEqualTo(Money.yuan(1600));
        assertThat(quote.retained()).isEqualTo(Money.fen(0));
        assertThat(quote.fee()).isEqualTo(Money.fen(0));
    }

    @Test
    void refundsOneHundredSixtyYuanForSixteenOfThirtyDaysLeft() {
        LocalDate from = LocalDate.of(2026, 3, 1);
        RefundBasis pass = new RefundBasis(RefundMethod.PRO_RATA_DAYS, Money.yuan(300), Money.yuan(300), Money.yuan(160),
                null, null, from, from.plusDays(29), from, false, 7, 0, null, false);
        RefundQuote quote = RefundCalculator.quote(pass, RefundReason.MERCHANT_CLOSED, LocalDate.of(2026, 3, 15));
        assertThat(quote.method()).isEqualTo(RefundMethodApplied.PRO_RATA_DAYS);
        assertThat(quote.refund()).isEqualTo(Money.yuan(160));
        assertThat(quote.retained()).isEqualTo(Money.fen(0));
    }

    @Test
    void refundsInFullWithoutFeeInsideCoolingOffWhenUnused() {
        RefundQuote quote = RefundCalculator.quote(gymPack(60, Money.yuan(2000), 1000, 2000), RefundReason.CONSUMER_CHOICE,
                BOUGHT.plusDays(7));
        assertThat(quote.method()).isEqualTo(RefundMethodApplied.COOLING_OFF_FULL);
        assertThat(quote.coolingOff()).isTrue();
        assertThat(quote.automatic()).isTrue();
        assertThat(quote.refund()).isEqualTo(Money.yuan(2000));
        assertThat(quote.fee()).isEqualTo(Money.fen(0));
    }

    @Test
    void coolingOffEndsAfterItsLastDayAndNeedsAnUnusedCard() {
        RefundQuote late = RefundCalculator.quote(gymPack(60, Money.yuan(2000), 0, null), RefundReason.CONSUMER_CHOICE,
                BOUGHT.plusDays(8));
        assertThat(late.coolingOff()).isFalse();
        assertThat(late.method()).isEqualTo(RefundMethodApplied.PRO_RATA_SESSIONS);
        assertThat(late.automatic()).isFalse();
        RefundQuote used = RefundCalculator.quote(gymPack(59, Money.fen(196_667), 0, null), RefundReason.CONSUMER_CHOICE,
                BOUGHT.plusDays(1));
        assertThat(used.coolingOff()).isTrue();
        assertThat(used.method()).isEqualTo(RefundMethodApplied.PRO_RATA_SESSIONS);
    }

    /** A discounted pack: list 3,000 yuan, sold for 2,000, 12 of 60 used; floor 2,000 − 12 × 50 = 1,400 yuan. */
    static RefundBasis discountedPack(int contractBp, Integer ruleCapBp, boolean atListPrice) {
        return new RefundBasis(RefundMethod.PRO_RATA_SESSIONS, Money.yuan(2000), Money.yuan(3000), Money.yuan(1600), 60, 48,
                BOUGHT, BOUGHT.plusMonths(12).minusDays(1), BOUGHT, false, 7, contractBp, ruleCapBp, atListPrice);
    }

    @ParameterizedTest
    @CsvSource({
            // contract bp, rule cap bp (-1 = none), reason, expected fee in fen on a 1,600-yuan unused share (floor 1,400)
            "1000, -1, CONSUMER_CHOICE, 16000",
            "1000, 500, CONSUMER_CHOICE, 8000",
            "300, 500, CONSUMER_CHOICE, 4800",
            "2000, -1, CONSUMER_CHOICE, 20000",
            "1000, 500, MERCHANT_CLOSED, 0",
            "1000, 500, MERCHANT_RELOCATED, 0",
            "1000, 500, QUALITY_DROP, 0",
            "1000, 500, EXPIRY, 0"})
    void capsTheFeeByContractRuleTableAndListPriceFloorAndWaivesItOnMerchantFault(int contractBp, int capBp,
                                                                                  RefundReason reason, long feeFen) {
        RefundQuote quote = RefundCalculator.quote(discountedPack(contractBp, capBp < 0 ? null : capBp, false), reason,
                BOUGHT.plusDays(40));
        assertThat(quote.fee()).isEqualTo(Money.fen(feeFen));
        assertThat(quote.refund()).isEqualTo(Money.fen(reason == RefundReason.EXPIRY ? 160_000 : 160_000 - feeFen));
        assertThat(quote.refund().plus(quote.retained())).isEqualTo(Money.yuan(1600));
    }

    /** Issue 13, item 4: a pack sold at its list price leaves no room for a fee: the floor is the unused share. */
    @Test
    void aFeeNeverTakesAConsumersRefundBelowPaidLessUsedAtListPrice() {
        RefundQuote atList = RefundCalculator.quote(gymPack(48, Money.yuan(1600), 1000, null), RefundReason.CONSUMER_CHOICE,
                BOUGHT.plusDays(40));
        assertThat(atList.refund()).isEqualTo(Money.yuan(1600));
        assertThat(atList.fee()).isEqualTo(Money.fen(0));

        RefundQuote heavyFee = RefundCalculator.quote(discountedPack(5000, null, false), RefundReason.CONSUMER_CHOICE,
                BOUGHT.plusDays(40));
        assertThat(heavyFee.refund()).isEqualTo(Money.yuan(1400));
        assertThat(heavyFee.fee()).isEqualTo(Money.yuan(200));

        RefundQuote clause = RefundCalculator.quote(discountedPack(5000, null, true), RefundReason.CONSUMER_CHOICE,
                BOUGHT.plusDays(40));
        assertThat(clause.refund()).isEqualTo(Money.yuan(1400));
        assertThat(clause.fee()).isEqualTo(Money.fen(0));
        assertThat(clause.retained()).isEqualTo(Money.yuan(200));
    }

    /** A 300-yuan monthly pass listed at 450: 14 of 30 days used → unused share 160, floor 300 − 14 × 15 = 90. */
    @Test
    void theListPriceFloorCountsUsedDaysOfAPass() {
        LocalDate from = LocalDate.of(2026, 3, 1);
        RefundBasis pass = new RefundBasis(RefundMethod.PRO_RATA_DAYS, Money.yuan(300), Money.yuan(450), Money.yuan(160),
                null, null, from, from.plusDays(29), from, false, 7, 10_000, null, false);
        RefundQuote quote = RefundCalculator.quote(pass, RefundReason.CONSUMER_CHOICE, LocalDate.of(2026, 3, 15));
        assertThat(quote.refund()).isEqualTo(Money.yuan(90));
        assertThat(quote.fee()).isEqualTo(Money.yuan(70));
        assertThat(RefundCalculator.quote(pass, RefundReason.MERCHANT_CLOSED, LocalDate.of(2026, 3, 15)).refund())
                .isEqualTo(Money.yuan(160));
    }

    @Test
    void roundsTheRefundUpAndTheFeeDownInTheConsumersFavour() {
        // 100.00 yuan (list 150) for 3 sessions, 2 left: 66.666… → 66.67; fee 3.33% of 66.67 = 2.2201… → 2.22
        RefundBasis pack = new RefundBasis(RefundMethod.PRO_RATA_SESSIONS, Money.yuan(100), Money.yuan(150), Money.fen(6_667), 3, 2,
                BOUGHT, BOUGHT.plusMonths(3), BOUGHT, false, 0, 333, null, false);
        RefundQuote quote = RefundCalculator.quote(pack, RefundReason.CONSUMER_CHOICE, BOUGHT.plusDays(3));
        assertThat(quote.gross()).isEqualTo(Money.fen(6_667));
        assertThat(quote.fee()).isEqualTo(Money.fen(222));
        assertThat(quote.refund()).isEqualTo(Money.fen(6_445));
        assertThat(quote.retained()).isEqualTo(Money.fen(222));
    }

    @Test
    void neverRefundsMoreThanTheCardStillHolds() {
        // the card's own allocation left 66.66 unredeemed while pro rata says 66.67: the card's balance wins
        RefundBasis pack = new RefundBasis(RefundMethod.PRO_RATA_SESSIONS, Money.yuan(100), null, Money.fen(6_666), 3, 2,
                BOUGHT, BOUGHT.plusMonths(3), BOUGHT, false, 0, 0, null, false);
        RefundQuote quote = RefundCalculator.quote(pack, RefundReason.CONSUMER_CHOICE, BOUGHT.plusDays(3));
        assertThat(quote.refund()).isEqualTo(Money.fen(6_666));
        assertThat(quote.retained()).isEqualTo(Money.fen(0));
    }

    @Test
    void chargesUsedSessionsOfADiscountedPackAtListPriceOnlyWhenTheConsumerLeaves() {
        // list 3,000 yuan, sold for 2,000: 12 used at list = 600 → 1,400 back (instead of 1,600)
        RefundBasis discounted = new RefundBasis(RefundMethod.PRO_RATA_SESSIONS, Money.yuan(2000), Money.yuan(3000),
                Money.yuan(1600), 60, 48, BOUGHT, BOUGHT.plusMonths(12), BOUGHT, false, 7, 0, null, true);
        RefundQuote choice = RefundCalculator.quote(discounted, RefundReason.CONSUMER_CHOICE, BOUGHT.plusDays(40));
        assertThat(choice.refund()).isEqualTo(Money.yuan(1400));
        assertThat(choice.retained()).isEqualTo(Money.yuan(200));
        RefundQuote fault = RefundCalculator.quote(discounted, RefundReason.QUALITY_DROP, BOUGHT.plusDays(40));
        assertThat(fault.refund()).isEqualTo(Money.yuan(1600));
    }

    @Test
    void listPriceChargesNeverMakeTheRefundNegative() {
        RefundBasis discounted = new RefundBasis(RefundMethod.PRO_RATA_SESSIONS, Money.yuan(100), Money.yuan(1000),
                Money.yuan(50), 10, 5, BOUGHT, BOUGHT.plusMonths(12), BOUGHT, false, 0, 0, null, true);
        RefundQuote quote = RefundCalculator.quote(discounted, RefundReason.CONSUMER_CHOICE, BOUGHT.plusDays(40));
        assertThat(quote.refund()).isEqualTo(Money.fen(0));
        assertThat(quote.retained()).isEqualTo(Money.yuan(50));
    }

    @Test
    void refundsTheUnredeemedValueOfStoredValueAndOnExpiry() {
        RefundBasis stored = new RefundBasis(RefundMethod.PRO_RATA_VALUE, Money.yuan(500), Money.yuan(600),
                Money.fen(12_345), null, null, BOUGHT, BOUGHT.plusYears(3), BOUGHT, false, 7, 500, 500, false);
        assertThat(RefundCalculator.quote(stored, RefundReason.CONSUMER_CHOICE, BOUGHT.plusDays(30)).refund())
                .isEqualTo(Money.fen(12_345 - 617));
        RefundQuote expiry = RefundCalculator.quote(stored, RefundReason.EXPIRY, BOUGHT.plusYears(3).plusDays(1));
        assertThat(expiry.method()).isEqualTo(RefundMethodApplied.EXPIRY_FULL);
        assertThat(expiry.refund()).isEqualTo(Money.fen(12_345));
    }

    @Test
    void countsEveryDayOfAPassBeforeItStartsAndNoneAfterItEnds() {
        LocalDate from = LocalDate.of(2026, 4, 1);
        RefundBasis pass = new RefundBasis(RefundMethod.PRO_RATA_DAYS, Money.yuan(300), null, Money.yuan(300), null, null,
                from, from.plusDays(29), BOUGHT, false, 0, 0, null, false);
        assertThat(RefundCalculator.quote(pass, RefundReason.QUALITY_DROP, from.minusDays(3)).refund()).isEqualTo(Money.yuan(300));
        assertThat(RefundCalculator.quote(pass, RefundReason.QUALITY_DROP, from.plusDays(30)).refund()).isEqualTo(Money.fen(0));
    }
}
