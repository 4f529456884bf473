package org.fangxin.settlement;

import java.time.DayOfWeek;
import java.util.Optional;
import java.util.UUID;

/**
 * A merchant's settlement cycle when another module sets one for it (the risk module by tier: faster release for
 * tier A, weekly for C and D); it replaces the sector's cycle. Implemented as a bean by that module, so settlement
 * does not depend on it; without one, the sector's cycle applies.
 */
public interface MerchantSettlementCycles {

    /** A cycle: DAILY (no weekday) or WEEKLY on a business weekday. */
    record Cycle(SettlementFrequency frequency, DayOfWeek payoutDay) { }

    Optional<Cycle> cycleFor(UUID merchantId);
}
