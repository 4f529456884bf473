package org.fangxin.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Issue 9 "Done when": the score never improves when an adverse factor worsens. Checked at two levels: the scorecard
 * (any values, any weights, one factor's value moved towards its bad threshold) and the signals (a merchant's inputs,
 * one of them changed the adverse way: more sales in the last 30 days, fewer redemptions, lower headcount, ...).
 */
class ScoreProperties {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 10);

    @Test
    void movingAnyFactorTowardsItsBadThresholdNeverRaisesTheScore() {
        Gen<Map<Factor, FactorWeight>> weights = integers().between(0, 100).zip(longs().between(-1_000, 1_000),
                longs().between(1, 50_000), integers().between(0, (1 << Factor.values().length) - 1), ScoreProperties::weights);
        qt().withExamples(500).forAll(weights, arbitrary().enumValues(Factor.class), longs().between(-100_000, 100_000),
                        longs().between(0, 100_000))
                .checkAssert((w, factor, start, step) -> {
                    FactorWeight weight = w.get(factor);
                    long towardsBad = Long.signum(weight.badAt() - weight.okAt()) * step;
                    int before = Scorecard.score(values(factor, start), w).scoreCenti();
                    int after = Scorecard.score(values(factor, start + towardsBad), w).scoreCenti();
                    assertThat(after).as(factor + " " + start + " → " + (start + towardsBad)).isLessThanOrEqualTo(before);
                });
    }

    /** Weights of varied size per factor, each rising or falling towards bad as the bit mask says. */
    private static Map<Factor, FactorWeight> weights(int weight, long ok, long span, int falling) {
        Map<Factor, FactorWeight> map = new EnumMap<>(Factor.class);
        for (Factor factor : Factor.values()) {
            long okAt = ok + factor.ordinal();
            boolean down = (falling >> factor.ordinal() & 1) == 1;
            map.put(factor, new FactorWeight(factor, (weight + factor.ordinal() * 7) % 101, okAt, down ? okAt - span : okAt + span));
        }
        return map;
    }

    /** Every factor at a fixed harmless value except {@code factor}. */
    private static List<FactorValue> values(Factor factor, long value) {
        return java.util.Arrays.stream(Factor.values())
                .map(f -> new FactorValue(f, f == factor ? value : f.defaultWeight().okAt(), TODAY, "test")).toList();
    }

    /** The adverse changes a merchant's inputs can undergo, each by a random amount. */
    enum Adverse {
        MORE_RECENT_SALES(in -> with(in, a -> new SignalInputs.Activity(a.sales30Minor() + 50_000, a.salesPrior90Minor(),
                a.redemptions30(), a.redemptionsPrior90(), a.priorDays(), a.refundRequests30(), a.closureReports30(), a.complaints90(), a.asOf()))),
        FEWER_RECENT_REDEMPTIONS(in -> with(in, a -> new SignalInputs.Activity(a.sales30Minor(), a.salesPrior90Minor(),
                Math.max(0, a.redemptions30() - 7), a.redemptionsPrior90(), a.priorDays(), a.refundRequests30(), a.closureReports30(),
                a.complaints90(), a.asOf()))),
        MORE_REFUND_REQUESTS(in -> with(in, a -> new SignalInputs.Activity(a.sales30Minor(), a.salesPrior90Minor(),
                a.redemptions30(), a.redemptionsPrior90(), a.priorDays(), a.refundRequests30() + 3, a.closureReports30(), a.complaints90(), a.asOf()))),
        MORE_CLOSURE_REPORTS(in -> with(in, a -> new SignalInputs.Activity(a.sales30Minor(), a.salesPrior90Minor(),
                a.redemptions30(), a.redemptionsPrior90(), a.priorDays(), a.refundRequests30(), a.closureReports30() + 1, a.complaints90(), a.asOf()))),
        HIGHER_ADVANCE(in -> new SignalInputs(in.today(), in.activity(), new SignalInputs.Position(in.position().prepaidBalanceMinor(),
                in.position().liveCards(), in.position().advanceMinor() + 80_000, in.position().depositMinor(),
                in.position().insuredCoverMinor(), in.position().asOf()), in.profile(), in.feeds())),
        LOWER_DEPOSIT(in -> new SignalInputs(in.today(), in.activity(), new SignalInputs.Position(in.position().prepaidBalanceMinor(),
                in.position().liveCards(), in.position().advanceMinor(), Math.max(0, in.position().depositMinor() - 90_000),
                in.position().insuredCoverMinor(), in.position().asOf()), in.profile(), in.feeds())),
        HIGHER_BALANCE(in -> new SignalInputs(in.today(), in.activity(), new SignalInputs.Position(in.position().prepaidBalanceMinor()
                + 2_000_000, in.position().liveCards(), in.position().advanceMinor(), in.position().depositMinor(),
                in.position().insuredCoverMinor(), in.position().asOf()), in.profile(), in.feeds())),
        SHORTER_LEASE(in -> new SignalInputs(in.today(), in.activity(), in.position(), new SignalInputs.Profile(
                in.profile().licensedOn(), in.profile().priorYearRevenueMinor(), in.profile().registeredCapitalMinor(),
                in.profile().firstLeaseEnd().minusDays(40), false, null, null), in.feeds())),
        LOWER_LAST_HEADCOUNT(in -> withFeeds(in, f -> lastLower(f.headcount()), 0)),
        LOWER_LAST_TAX(in -> withFeeds(in, f -> lastLower(f.taxPaid()), 1)),
        LOWER_LAST_UTILITY(in -> withFeeds(in, f -> lastLower(f.utility()), 2)),
        HIGHER_ARREARS(in -> withFeeds(in, f -> lastHigher(f.taxArrears()), 3)),
        LISTED(in -> new SignalInputs(in.today(), in.activity(), in.position(), new SignalInputs.Profile(
                in.profile().licensedOn(), in.profile().priorYearRevenueMinor(), in.profile().registeredCapitalMinor(),
                in.profile().firstLeaseEnd(), true, "feed.DISHONEST_DEBTOR", in.today()), in.feeds()));

        final UnaryOperator<SignalInputs> change;

        Adverse(UnaryOperator<SignalInputs> change) {
            this.change = change;
        }
    }

    @Test
    void noAdverseChangeOfAMerchantsInputsRaisesItsScore() {
        qt().withExamples(800).forAll(inputs(), arbitrary().enumValues(Adverse.class), integers().between(1, 4))
                .checkAssert((in, adverse, times) -> {
                    SignalInputs changed = in;
                    for (int i = 0; i < times; i++) {
                        changed = adverse.change.apply(changed);
                    }
                    int before = Scorecard.score(Signals.values(in), Map.of()).scoreCenti();
                    int after = Scorecard.score(Signals.values(changed), Map.of()).scoreCenti();
                    assertThat(after).as(adverse + " ×" + times).isLessThanOrEqualTo(before);
                });
    }

    static Gen<SignalInputs> inputs() {
        Gen<SignalInputs.Activity> activity = longs().between(0, 2_000_000).zip(longs().between(0, 6_000_000),
                integers().between(0, 200), integers().between(0, 600),
                (s30, prior, r30, rPrior) -> new SignalInputs.Activity(s30, prior, r30, rPrior, 30 + r30 % 61, r30 % 5, 0, 0,
                        TODAY.minusDays(1)));
        Gen<SignalInputs.Position> position = longs().between(0, 50_000_000).zip(integers().between(0, 500),
                longs().between(0, 5_000_000), longs().between(0, 5_000_000),
                (balance, cards, advance, deposit) -> new SignalInputs.Position(balance, cards, advance, deposit, 0, TODAY));
        Gen<SignalInputs.Feeds> feeds = integers().between(0, 50).zip(longs().between(1, 900_000), longs().between(0, 90_000),
                integers().between(1, 12), (headcount, tax, arrears, months) -> new SignalInputs.Feeds(
                        series(months, tax), series(months, arrears), series(months, headcount), series(months, 3_000L), 0,
                        null, 0, null, null));
        return activity.zip(position, feeds, integers().between(0, 2_000), (a, p, f, daysLicensed) -> new SignalInputs(TODAY, a, p,
                new SignalInputs.Profile(TODAY.minusDays(daysLicensed), 80_000_000L, 5_000_000L, TODAY.plusDays(daysLicensed % 400),
                        false, null, null), f));
    }

    private static TreeMap<YearMonth, Long> series(int months, long value) {
        TreeMap<YearMonth, Long> series = new TreeMap<>();
        for (int i = 0; i < months; i++) {
            series.put(YearMonth.of(2026, 6).minusMonths(i), value + i);
        }
        return series;
    }

    private static SignalInputs with(SignalInputs in, UnaryOperator<SignalInputs.Activity> change) {
        return new SignalInputs(in.today(), change.apply(in.activity()), in.position(), in.profile(), in.feeds());
    }

    private static SignalInputs withFeeds(SignalInputs in, java.util.function.Function<SignalInputs.Feeds, TreeMap<YearMonth, Long>> pick,
                                          int which) {
        var f = in.feeds();
        TreeMap<YearMonth, Long> changed = pick.apply(f);
        return new SignalInputs(in.today(), in.activity(), in.position(), in.profile(), new SignalInputs.Feeds(
                which == 1 ? changed : f.taxPaid(), which == 3 ? changed : f.taxArrears(), which == 0 ? changed : f.headcount(),
                which == 2 ? changed : f.utility(), f.courtCases12m(), f.courtAsOf(), f.complaints90(), f.complaintsAsOf(),
                f.lastUpheldComplaint()));
    }

    private static TreeMap<YearMonth, Long> lastLower(java.util.NavigableMap<YearMonth, Long> series) {
        TreeMap<YearMonth, Long> changed = new TreeMap<>(series);
        changed.computeIfPresent(changed.lastKey(), (month, value) -> value / 2);
        return changed;
    }

    private static TreeMap<YearMonth, Long> lastHigher(java.util.NavigableMap<YearMonth, Long> series) {
        TreeMap<YearMonth, Long> changed = new TreeMap<>(series);
        changed.computeIfPresent(changed.lastKey(), (month, value) -> value + 250_000);
        return changed;
    }
}
