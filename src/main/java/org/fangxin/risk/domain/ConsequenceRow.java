package org.fangxin.risk.domain;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fangxin.risk.RiskTier;

/**
 * One row of the consequence table (region × sector × tier): what a merchant of that tier may do there. Null means
 * "not set here" (inherit from the more general row). Region {@code *} = national, sector {@code *} = all sectors.
 */
public record ConsequenceRow(String regionCode, String sector, RiskTier tier, Integer supervisionRatioBp,
                             Long advanceCapMinor, Integer depositShareBp, String insuranceTier,
                             String settlementFrequency, DayOfWeek payoutDay, Boolean salesBlocked, String source) {

    public static final String ANY = "*";

    public ConsequenceRow {
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(tier, "tier");
        if (supervisionRatioBp != null && (supervisionRatioBp < 0 || supervisionRatioBp > 10_000)) {
            throw new IllegalArgumentException("supervision ratio must be 0 to 10000 bp");
        }
        if (depositShareBp != null && (depositShareBp < 0 || depositShareBp > 10_000)) {
            throw new IllegalArgumentException("deposit share must be 0 to 10000 bp");
        }
        if (advanceCapMinor != null && advanceCapMinor < 0) {
            throw new IllegalArgumentException("advance cap is never negative");
        }
        if ("WEEKLY".equals(settlementFrequency) != (payoutDay != null)) {
            throw new IllegalArgumentException("a payout weekday is given exactly for WEEKLY settlement");
        }
        source = source == null ? "" : source;
    }

    /** More specific rows win: a sector row over an all-sector row, then a longer region code over a shorter one. */
    public int specificity() {
        int region = ANY.equals(regionCode) ? 0 : 6 - trailingZeroPairs(regionCode);
        return (ANY.equals(sector) ? 0 : 100) + region;
    }

    /** The non-null values by field name, in a stable order (for merging and audit). */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("supervisionRatioBp", supervisionRatioBp);
        values.put("advanceCapMinor", advanceCapMinor);
        values.put("depositShareBp", depositShareBp);
        values.put("insuranceTier", insuranceTier);
        values.put("settlement", settlementFrequency == null ? null : settlementFrequency + (payoutDay == null ? "" : ":" + payoutDay));
        values.put("salesBlocked", salesBlocked);
        return values;
    }

    private static int trailingZeroPairs(String code) {
        int pairs = 0;
        for (int end = code.length(); end >= 2 && code.startsWith("00", end - 2); end -= 2) {
            pairs++;
        }
        return pairs * 2;
    }
}
