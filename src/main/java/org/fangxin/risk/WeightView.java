package org.fangxin.risk;

import java.time.Instant;

/**
 * A factor's weight for a sector ({@code *}: all sectors) as it applies: weight in points, where the penalty starts
 * ({@code okAt}) and is full ({@code badAt}), and where the values come from ({@code origin}: DEFAULT, the all-sector
 * row, or the sector's own row, with its version and author).
 */
public record WeightView(String sector, String factor, String unit, int weight, long okAt, long badAt, String origin,
                         int version, String reason, Instant changedAt, String changedBy) { }
