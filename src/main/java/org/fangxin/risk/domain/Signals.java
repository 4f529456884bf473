package org.fangxin.risk.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Computes every factor's value from a merchant's {@link SignalInputs} (docs/risk.md, "Factors"). Each value is
 * oriented so that a larger distance from its ok threshold is adverse; missing data gives "no data", never a guess.
 * Sources are short codes the pages translate ({@code risk.source.*}).
 */
public final class Signals {

    static final long BP = 10_000;
    /** Sales and redemptions are compared only with at least 30 days of earlier activity. */
    static final long HISTORY_DAYS_MIN = 30;

    private Signals() {
    }

    public static List<FactorValue> values(SignalInputs in) {
        var activity = in.activity();
        boolean history = activity.priorDays() >= HISTORY_DAYS_MIN;
        // the last 30 days scaled to the span of the earlier window the merchant was active in
        long days = activity.priorDays();
        return List.of(
                history ? ratioAbove(Factor.SALES_SPIKE, activity.sales30Minor() * days / 30, activity.salesPrior90Minor(),
                        activity.asOf(), "books.sales") : FactorValue.noData(Factor.SALES_SPIKE, "books.sales"),
                history ? dropBelow(Factor.REDEMPTION_DROP, activity.redemptions30() * days / 30, activity.redemptionsPrior90(),
                        activity.asOf(), "books.redemptions") : FactorValue.noData(Factor.REDEMPTION_DROP, "books.redemptions"),
                refundRequests(in),
                count(Factor.CLOSURE_REPORTS, activity.closureReports30(), activity.asOf(), "books.closureReports"),
                complaints(in),
                leaseEnding(in),
                balanceToRevenue(in),
                exposureCover(in),
                businessAge(in),
                monthlyDrop(Factor.TAX_PAID, in.feeds().taxPaid(), 3, 9, "feed.TAX_PAID"),
                latest(Factor.TAX_ARREARS, in.feeds().taxArrears(), "feed.TAX_ARREARS"),
                headcount(in.feeds().headcount()),
                monthlyDrop(Factor.UTILITY, in.feeds().utility(), 2, 10, "feed.UTILITY_CONSUMPTION"),
                count(Factor.COURT, in.feeds().courtCases12m(), in.feeds().courtAsOf(), "feed.COURT"),
                listed(in.profile(), in.today()));
    }

    /** {@code recent} against {@code prior} as basis points (e.g. 30 days ×3 against 90 days); no data without history. */
    static FactorValue ratioAbove(Factor factor, long recent, long prior, LocalDate asOf, String source) {
        if (prior <= 0) {
            return FactorValue.noData(factor, source);
        }
        return new FactorValue(factor, Math.multiplyExact(recent, BP) / prior, asOf, source);
    }

    /** How far {@code recent} fell below {@code prior}, in basis points of prior (0 when it did not fall). */
    static FactorValue dropBelow(Factor factor, long recent, long prior, LocalDate asOf, String source) {
        if (prior <= 0) {
            return FactorValue.noData(factor, source);
        }
        return new FactorValue(factor, Math.max(0, prior - recent) * BP / prior, asOf, source);
    }

    static FactorValue count(Factor factor, long count, LocalDate asOf, String source) {
        return new FactorValue(factor, count, asOf, source);
    }

    private static FactorValue refundRequests(SignalInputs in) {
        var position = in.position();
        if (position == null || position.liveCards() <= 0) {
            return FactorValue.noData(Factor.REFUND_REQUESTS, "books.refundRequests");
        }
        return new FactorValue(Factor.REFUND_REQUESTS, in.activity().refundRequests30() * BP / position.liveCards(),
                in.activity().asOf(), "books.refundRequests");
    }

    private static FactorValue complaints(SignalInputs in) {
        LocalDate asOf = latestOf(in.activity().asOf(), in.feeds().complaintsAsOf());
        return new FactorValue(Factor.COMPLAINTS, in.activity().complaints90() + in.feeds().complaints90(), asOf,
                "feed.COMPLAINT_12315");
    }

    private static FactorValue leaseEnding(SignalInputs in) {
        LocalDate end = in.profile().firstLeaseEnd();
        if (end == null) {
            return FactorValue.noData(Factor.LEASE_ENDING, "merchant.lease");
        }
        return new FactorValue(Factor.LEASE_ENDING, ChronoUnit.DAYS.between(in.today(), end), in.today(), "merchant.lease");
    }

    private static FactorValue balanceToRevenue(SignalInputs in) {
        var profile = in.profile();
        boolean byRevenue = profile.priorYearRevenueMinor() != null && profile.priorYearRevenueMinor() > 0;
        Long base = byRevenue ? profile.priorYearRevenueMinor() : profile.registeredCapitalMinor();
        String source = byRevenue ? "merchant.revenue" : "merchant.capital";
        if (in.position() == null || base == null || base <= 0) {
            return FactorValue.noData(Factor.BALANCE_TO_REVENUE, source);
        }
        return ratioAbove(Factor.BALANCE_TO_REVENUE, in.position().prepaidBalanceMinor(), base, in.position().asOf(), source);
    }

    private static FactorValue exposureCover(SignalInputs in) {
        var position = in.position();
        if (position == null) {
            return FactorValue.noData(Factor.EXPOSURE_COVER, "books.exposure");
        }
        long cover = Math.addExact(position.depositMinor(), position.insuredCoverMinor());
        long value = position.advanceMinor() <= 0 ? 0 : Math.multiplyExact(position.advanceMinor(), BP) / Math.max(cover, 1);
        return new FactorValue(Factor.EXPOSURE_COVER, value, position.asOf(), "books.exposure");
    }

    private static FactorValue businessAge(SignalInputs in) {
        LocalDate licensed = in.profile().licensedOn();
        if (licensed == null) {
            return FactorValue.noData(Factor.BUSINESS_AGE, "merchant.licence");
        }
        long months = licensed.isAfter(in.today()) ? 0 : ChronoUnit.MONTHS.between(licensed, in.today());
        return new FactorValue(Factor.BUSINESS_AGE, months, in.today(), "merchant.licence");
    }

    /**
     * How far the average of the last {@code recentMonths} reported months fell below the average of the
     * {@code priorMonths} before them (only months present count), counted back from the last reported month.
     */
    static FactorValue monthlyDrop(Factor factor, NavigableMap<YearMonth, Long> series, int recentMonths, int priorMonths,
                                   String source) {
        if (series.isEmpty()) {
            return FactorValue.noData(factor, source);
        }
        YearMonth last = series.lastKey();
        var recent = series.subMap(last.minusMonths(recentMonths - 1L), true, last, true);
        var prior = series.subMap(last.minusMonths((long) recentMonths + priorMonths - 1), true,
                last.minusMonths(recentMonths), true);
        long priorSum = sum(prior);
        if (prior.isEmpty() || priorSum <= 0) {
            return FactorValue.noData(factor, source);
        }
        // recentAvg / priorAvg without rounding the averages: compare recentSum·priorCount with priorSum·recentCount
        long priorScaled = Math.multiplyExact(priorSum, recent.size());
        long recentScaled = Math.multiplyExact(sum(recent), prior.size());
        return new FactorValue(factor, Math.max(0, priorScaled - recentScaled) * BP / priorScaled, last.atEndOfMonth(), source);
    }

    static FactorValue latest(Factor factor, NavigableMap<YearMonth, Long> series, String source) {
        if (series.isEmpty()) {
            return FactorValue.noData(factor, source);
        }
        Map.Entry<YearMonth, Long> last = series.lastEntry();
        return new FactorValue(factor, last.getValue(), last.getKey().atEndOfMonth(), source);
    }

    private static FactorValue headcount(NavigableMap<YearMonth, Long> series) {
        String source = "feed.SOCIAL_INSURANCE_HEADCOUNT";
        if (series.isEmpty()) {
            return FactorValue.noData(Factor.HEADCOUNT, source);
        }
        YearMonth last = series.lastKey();
        long peak = series.subMap(last.minusMonths(11), true, last, true).values().stream().mapToLong(Long::longValue).max().orElse(0);
        return dropBelow(Factor.HEADCOUNT, series.get(last), peak, last.atEndOfMonth(), source);
    }

    private static FactorValue listed(SignalInputs.Profile profile, LocalDate today) {
        String source = profile.listSource() == null ? "merchant.flags" : profile.listSource();
        return new FactorValue(Factor.LISTED, profile.listed() ? 1L : 0L,
                profile.listedSince() == null ? today : profile.listedSince(), source);
    }

    private static long sum(Map<YearMonth, Long> months) {
        long total = 0;
        for (long value : months.values()) {
            total = Math.addExact(total, value);
        }
        return total;
    }

    private static LocalDate latestOf(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
