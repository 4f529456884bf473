package org.fangxin.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One immutable version of a rule-table row for a region ({@code *} = national, else a 6-digit region code) and a
 * sector ({@code *} = all sectors). A change inserts the next version; the newest version effective on a day applies.
 */
public record RuleRow(UUID id, String regionCode, String sector, int version, LocalDate effectiveFrom,
                      RuleValues values, String source, Instant createdAt, String createdBy) {

    public static final String ANY = "*";

    /** How specific this row is: more specific rows override less specific ones when merged. */
    int specificity() {
        return specificity(ANY.equals(sector) ? 0 : 1);
    }

    /**
     * As {@link #specificity()} with the sector's level given: 0 all sectors, 1 a sector, 2 a sub-sector (a sector's
     * products for one audience). A sector-specific national row outranks any region-wide row, so a city's general
     * rule must not loosen a sector rule; a sub-sector row outranks its sector's rows in the same way.
     */
    int specificity(int sectorLevel) {
        int regionLevel = ANY.equals(regionCode) ? 0 : RegionCodes.level(regionCode);
        return sectorLevel * 10 + regionLevel;
    }
}
