package org.fangxin.oversight;

import java.util.List;
import java.util.Map;

/**
 * A region's quarterly report: the statements of its merchants (in the caller's sector, if limited) summed, the number
 * of merchants per tier ({@code -} for not rated), and the merchants grouped by tier, best first.
 */
public record RegionReport(String quarter, String regionCode, String regionName, String sector, long merchants,
                           QuarterlyStatement totals, Map<String, Long> merchantsByTier,
                           List<QuarterlyStatement> statements) { }
