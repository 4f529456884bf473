package org.fangxin.settlement;

import java.time.DayOfWeek;
import java.time.Instant;
import org.fangxin.merchant.Sector;

/** A sector's settlement cycle; {@code payoutDay} is set for WEEKLY only. */
public record CycleView(Sector sector, SettlementFrequency frequency, DayOfWeek payoutDay, Instant updatedAt,
                        String updatedBy) { }
