package org.fangxin.risk;

import java.time.DayOfWeek;
import java.time.Instant;
import org.fangxin.shared.Money;

/** One row of the consequence table (region × sector × tier) in its newest version; null values inherit. */
public record ConsequenceView(String regionCode, String sector, RiskTier tier, int version, Integer supervisionRatioBp,
                              Money advanceCap, Integer depositShareBp, String insuranceTier, String settlementFrequency,
                              DayOfWeek payoutDay, Boolean salesBlocked, String source, Instant createdAt,
                              String createdBy) { }
