package org.fangxin.risk.domain;

import org.fangxin.shared.Money;

/**
 * The factors of a merchant's risk score (docs/risk.md). Each value is oriented so that moving from {@code okAt}
 * towards {@code badAt} is adverse; the defaults below seed the weight table, which operators edit per sector.
 * Values are basis points of a ratio (BP), counts, days, months or fen, as {@link #unit} says.
 */
public enum Factor {
    /** Prepaid sales of the last 30 days against the monthly average of the 90 days before (the classic pre-closure sign). */
    SALES_SPIKE(Unit.BP, 25, 15_000, 30_000),
    /** How far redemptions of the last 30 days fell below the monthly average of the 90 days before. */
    REDEMPTION_DROP(Unit.BP, 15, 2_000, 6_000),
    /** Refund requests of the last 30 days per live card. */
    REFUND_REQUESTS(Unit.BP, 10, 200, 1_000),
    /** Consumers' "store closed" reports of the last 30 days. */
    CLOSURE_REPORTS(Unit.COUNT, 20, 0, 3),
    /** Complaints of the last 90 days (12315 transfers and the platform's complaint cases). */
    COMPLAINTS(Unit.COUNT, 15, 0, 6),
    /** Days until the first store lease ends. */
    LEASE_ENDING(Unit.DAYS, 10, 180, 30),
    /** Prepaid balance against prior-year revenue (or registered capital when no revenue is declared). */
    BALANCE_TO_REVENUE(Unit.BP, 15, 1_000, 5_000),
    /** Advance exposure against risk deposit plus insured cover. */
    EXPOSURE_COVER(Unit.BP, 15, 5_000, 15_000),
    /** Whole months since licensing. */
    BUSINESS_AGE(Unit.MONTHS, 10, 12, 6),
    /** How far tax paid in the last 3 reported months fell below the average of the 9 months before. */
    TAX_PAID(Unit.BP, 20, 3_000, 9_000),
    /** Overdue tax at the end of the last reported month. */
    TAX_ARREARS(Unit.FEN, 20, 0, 1_000_000),
    /** How far the last reported social-insurance headcount fell below the highest of the 12 months. */
    HEADCOUNT(Unit.BP, 25, 3_000, 10_000),
    /** How far utility consumption of the last 2 reported months fell below the average of the 10 months before. */
    UTILITY(Unit.BP, 10, 3_000, 8_000),
    /** Court judgments and enforcement cases of the last 12 months. */
    COURT(Unit.COUNT, 15, 0, 3),
    /** On the dishonest-debtor list, the abnormal-operation list or being deregistered (1) or not (0). */
    LISTED(Unit.COUNT, 100, 0, 1);

    /** What a factor's value counts. */
    public enum Unit {
        BP, COUNT, DAYS, MONTHS, FEN;

        /** A value as people read it, the same in every language: basis points as a percentage, fen as yuan. */
        public String format(long value) {
            return switch (this) {
                case BP -> String.format("%d.%02d%%", value / 100, Math.abs(value % 100));
                case FEN -> Money.fen(value).format();
                default -> Long.toString(value);
            };
        }
    }

    private final Unit unit;
    private final int defaultWeight;
    private final long defaultOkAt;
    private final long defaultBadAt;

    Factor(Unit unit, int defaultWeight, long defaultOkAt, long defaultBadAt) {
        this.unit = unit;
        this.defaultWeight = defaultWeight;
        this.defaultOkAt = defaultOkAt;
        this.defaultBadAt = defaultBadAt;
    }

    public Unit unit() {
        return unit;
    }

    public FactorWeight defaultWeight() {
        return new FactorWeight(this, defaultWeight, defaultOkAt, defaultBadAt);
    }
}
