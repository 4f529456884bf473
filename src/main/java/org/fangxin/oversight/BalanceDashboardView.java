package org.fangxin.oversight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The prepaid-balance dashboard at one drill-down level: a region (with everything below it) and optionally a sector,
 * from the latest daily snapshot ({@code day}; null when no snapshot was taken yet). {@code path} leads from the
 * caller's own scope down to {@code region}; {@code children} are the regions one level down (a row for the region
 * itself holds merchants registered directly at its level); {@code merchants} the largest balances, {@code topUncovered}
 * the largest uncovered exposures; {@code trend} one point a day.
 */
public record BalanceDashboardView(LocalDate day, Instant snapshotAt, Place region, String sector, List<Place> path,
                                   BalanceFigures totals, List<Row> children, List<Row> bySector,
                                   List<MerchantRow> merchants, List<MerchantRow> topUncovered, List<TrendPoint> trend,
                                   Money guaranteeFund) {

    /** A region: its code and name in the caller's language. */
    public record Place(String code, String name) { }

    /** A group (a region or a sector): its key, its display name, its figures. */
    public record Row(String key, String name, BalanceFigures figures) { }

    public record MerchantRow(UUID merchantId, String legalName, String regionCode, String regionName, String sector,
                              BalanceFigures figures) { }

    public record TrendPoint(LocalDate day, Money outstanding, Money covered, Money uncovered) { }
}
