package org.fangxin.risk.domain;

import java.util.Objects;

/**
 * A rule that raises the supervision ratio (or stops sales) whatever the tier, when its condition holds for the merchant
 * (domain.md §4): e.g. Beijing commerce 40 % once the prepaid balance reaches 500,000 yuan; Shanghai commerce 100 % for a
 * business younger than a year or a balance above 20 % of prior-year revenue; Siping no sales in the first 6 months.
 */
public record RatioFloor(String regionCode, String sector, Condition condition, long threshold, Integer supervisionRatioBp,
                         boolean salesBlocked, String source) {

    /** When a floor applies; thresholds in fen, months or basis points. */
    public enum Condition {
        /** Always (e.g. education: all prepaid fees in escrow). */
        ALWAYS,
        /** Prepaid balance ≥ threshold fen. */
        BALANCE_AT_LEAST,
        /** Prepaid balance > threshold fen. */
        BALANCE_ABOVE,
        /** Licensed fewer than threshold whole months ago (not applied when the licence date is not declared). */
        YOUNGER_THAN_MONTHS,
        /** Prepaid balance above threshold basis points of declared prior-year revenue (not applied without it). */
        BALANCE_ABOVE_REVENUE_SHARE_BP
    }

    public RatioFloor {
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(condition, "condition");
        if (supervisionRatioBp == null && !salesBlocked) {
            throw new IllegalArgumentException("a floor raises the ratio, stops sales, or both");
        }
        if (supervisionRatioBp != null && (supervisionRatioBp < 0 || supervisionRatioBp > 10_000)) {
            throw new IllegalArgumentException("supervision ratio must be 0 to 10000 bp");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold is never negative");
        }
        source = source == null ? "" : source;
    }

    /** Whether the condition holds for a merchant with this balance, age in months (null: unknown) and revenue (null: none). */
    public boolean holds(long prepaidBalanceMinor, Long monthsLicensed, Long priorYearRevenueMinor) {
        return switch (condition) {
            case ALWAYS -> true;
            case BALANCE_AT_LEAST -> prepaidBalanceMinor >= threshold;
            case BALANCE_ABOVE -> prepaidBalanceMinor > threshold;
            case YOUNGER_THAN_MONTHS -> monthsLicensed != null && monthsLicensed < threshold;
            case BALANCE_ABOVE_REVENUE_SHARE_BP -> priorYearRevenueMinor != null
                    && Math.multiplyExact(prepaidBalanceMinor, 10_000L) > Math.multiplyExact(priorYearRevenueMinor, threshold);
        };
    }
}
