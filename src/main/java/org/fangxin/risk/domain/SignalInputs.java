package org.fangxin.risk.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the factors of one merchant are computed from, gathered by the scoring job: activity from our own books
 * (sums over windows), the merchant's position (balances), its profile (licence, revenue, leases, lists) and the
 * external feeds (monthly series and counts). Amounts in fen.
 */
public record SignalInputs(LocalDate today, Activity activity, Position position, Profile profile, Feeds feeds) {

    public SignalInputs {
        Objects.requireNonNull(today, "today");
        activity = activity == null ? Activity.NONE : activity;
        profile = profile == null ? Profile.UNKNOWN : profile;
        feeds = feeds == null ? Feeds.NONE : feeds;
    }

    /**
     * Our books: prepaid sales and redemptions of the last 30 days and of the 90 days before them, of which the merchant
     * was active {@code priorDays} (0–90: a merchant that started selling 40 days before the last 30 has 40), refund
     * requests and closure reports of the last 30 days, platform complaints of the last 90 days; {@code asOf} the last
     * day counted.
     */
    public record Activity(long sales30Minor, long salesPrior90Minor, long redemptions30, long redemptionsPrior90,
                           long priorDays, long refundRequests30, long closureReports30, long complaints90, LocalDate asOf) {
        public static final Activity NONE = new Activity(0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    /** Balances as of a day: unredeemed value of live cards (and how many), advance, deposit, insured cover. */
    public record Position(long prepaidBalanceMinor, long liveCards, long advanceMinor, long depositMinor,
                           long insuredCoverMinor, LocalDate asOf) { }

    /**
     * The merchant as registered: licence date, prior-year revenue and registered capital (null = not declared), the
     * first store lease end, and whether a public list bars it (with the source of that listing).
     */
    public record Profile(LocalDate licensedOn, Long priorYearRevenueMinor, Long registeredCapitalMinor,
                          LocalDate firstLeaseEnd, boolean listed, String listSource, LocalDate listedSince) {
        public static final Profile UNKNOWN = new Profile(null, null, null, null, false, null, null);
    }

    /**
     * External feeds: monthly series (by reported month) of tax paid, overdue tax, insured headcount and utility
     * consumption; court cases of the last 12 months; 12315 complaints of the last 90 days and the day of the last
     * upheld one (any time in the badge window); each with its last reported day.
     */
    public record Feeds(NavigableMap<YearMonth, Long> taxPaid, NavigableMap<YearMonth, Long> taxArrears,
                        NavigableMap<YearMonth, Long> headcount, NavigableMap<YearMonth, Long> utility,
                        long courtCases12m, LocalDate courtAsOf, long complaints90, LocalDate complaintsAsOf,
                        LocalDate lastUpheldComplaint) {
        public static final Feeds NONE = new Feeds(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                0, null, 0, null, null);

        public Feeds {
            taxPaid = new TreeMap<>(taxPaid);
            taxArrears = new TreeMap<>(taxArrears);
            headcount = new TreeMap<>(headcount);
            utility = new TreeMap<>(utility);
        }
    }
}
