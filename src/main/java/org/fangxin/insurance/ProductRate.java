package org.fangxin.insurance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.fangxin.merchant.Sector;

/** A premium rate: basis points of insured exposure per year, for one sector and risk tier. */
public record ProductRate(@NotNull Sector sector, @NotNull RiskTier tier, @Min(0) @Max(10_000) int rateBps) { }
