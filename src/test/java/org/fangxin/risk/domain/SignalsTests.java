package org.fangxin.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SignalsTests {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 10);

    static FactorValue value(SignalInputs inputs, Factor factor) {
        return Signals.values(inputs).stream().filter(v -> v.factor() == factor).findFirst().orElseThrow();
    }

    static TreeMap<YearMonth, Long> months(YearMonth last, long... values) {
        TreeMap<YearMonth, Long> series = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            series.put(last.minusMonths(values.length - 1 - i), values[i]);
        }
        return series;
    }

    @Test
    void salesOfThirtyDaysAreComparedWithTheMonthlyAverageOfTheNinetyBefore() {
        var activity = new SignalInputs.Activity(900_000, 900_000, 0, 0, 90, 0, 0, 0, TODAY.minusDays(1));
        var inputs = new SignalInputs(TODAY, activity, null, null, null);
        assertThat(value(inputs, Factor.SALES_SPIKE).value()).isEqualTo(30_000); // three times the usual month
        assertThat(value(new SignalInputs(TODAY, null, null, null, null), Factor.SALES_SPIKE).hasData()).isFalse();
        // a merchant selling for 30 days before the last 30: its month is compared with that one month, not a third of it
        var young = new SignalInputs.Activity(300_000, 300_000, 0, 0, 30, 0, 0, 0, TODAY.minusDays(1));
        assertThat(value(new SignalInputs(TODAY, young, null, null, null), Factor.SALES_SPIKE).value()).isEqualTo(10_000);
        var tooYoung = new SignalInputs.Activity(300_000, 100_000, 0, 0, 10, 0, 0, 0, TODAY.minusDays(1));
        assertThat(value(new SignalInputs(TODAY, tooYoung, null, null, null), Factor.SALES_SPIKE).hasData()).isFalse();
    }

    @Test
    void redemptionsDroppingToAThirdIsASixtySixPercentDrop() {
        var activity = new SignalInputs.Activity(0, 0, 10, 90, 90, 0, 0, 0, TODAY.minusDays(1));
        assertThat(value(new SignalInputs(TODAY, activity, null, null, null), Factor.REDEMPTION_DROP).value()).isEqualTo(6_666);
    }

    @Test
    void headcountIsComparedWithTheHighestOfTwelveMonths() {
        var feeds = new SignalInputs.Feeds(new TreeMap<>(), new TreeMap<>(), months(YearMonth.of(2026, 6), 12, 12, 10, 0),
                new TreeMap<>(), 0, null, 0, null, null);
        var headcount = value(new SignalInputs(TODAY, null, null, null, feeds), Factor.HEADCOUNT);
        assertThat(headcount.value()).isEqualTo(10_000);
        assertThat(headcount.asOf()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(headcount.source()).isEqualTo("feed.SOCIAL_INSURANCE_HEADCOUNT");
    }

    @Test
    void taxPaidOfTheLastThreeReportedMonthsAgainstTheNineBefore() {
        var paid = months(YearMonth.of(2026, 5), 100, 100, 100, 100, 100, 100, 100, 100, 100, 50, 50, 50);
        var feeds = new SignalInputs.Feeds(paid, months(YearMonth.of(2026, 5), 0, 30_000), new TreeMap<>(), new TreeMap<>(),
                0, null, 0, null, null);
        var inputs = new SignalInputs(TODAY, null, null, null, feeds);
        assertThat(value(inputs, Factor.TAX_PAID).value()).isEqualTo(5_000);
        assertThat(value(inputs, Factor.TAX_ARREARS).value()).isEqualTo(30_000);
    }

    @Test
    void exposureAgainstDepositAndCoverAndBalanceAgainstRevenue() {
        var position = new SignalInputs.Position(3_000_000, 40, 600_000, 300_000, 100_000, TODAY);
        var profile = new SignalInputs.Profile(LocalDate.of(2025, 12, 1), 10_000_000L, 50_000_000L,
                TODAY.plusDays(60), false, null, null);
        var inputs = new SignalInputs(TODAY, null, position, profile, null);
        assertThat(value(inputs, Factor.EXPOSURE_COVER).value()).isEqualTo(15_000);
        assertThat(value(inputs, Factor.BALANCE_TO_REVENUE).value()).isEqualTo(3_000);
        assertThat(value(inputs, Factor.BALANCE_TO_REVENUE).source()).isEqualTo("merchant.revenue");
        assertThat(value(inputs, Factor.BUSINESS_AGE).value()).isEqualTo(7);
        assertThat(value(inputs, Factor.LEASE_ENDING).value()).isEqualTo(60);
    }

    @Test
    void aCleanEstablishedMerchantScoresFullMarks() {
        var activity = new SignalInputs.Activity(300_000, 900_000, 30, 90, 90, 0, 0, 0, TODAY.minusDays(1));
        var position = new SignalInputs.Position(1_000_000, 50, 100_000, 500_000, 0, TODAY);
        var profile = new SignalInputs.Profile(LocalDate.of(2018, 1, 1), 100_000_000L, 10_000_000L,
                TODAY.plusYears(3), false, null, null);
        var score = Scorecard.score(Signals.values(new SignalInputs(TODAY, activity, position, profile, null)), Map.of());
        assertThat(score.scoreCenti()).isEqualTo(10_000);
        assertThat(score.factors()).hasSize(Factor.values().length);
        assertThat(TierPolicy.DEFAULT.tierOf(score.scoreCenti())).isEqualTo(org.fangxin.risk.RiskTier.A);
    }

    @Test
    void aListedMerchantLosesEverything() {
        var profile = new SignalInputs.Profile(null, null, null, null, true, "feed.DISHONEST_DEBTOR", TODAY);
        var score = Scorecard.score(Signals.values(new SignalInputs(TODAY, null, null, profile, null)), Map.of());
        assertThat(score.scoreCenti()).isZero();
        assertThat(List.of(score.factors().get(score.factors().size() - 1).source())).containsExactly("feed.DISHONEST_DEBTOR");
    }
}
