package org.fangxin.risk;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * What a rated merchant may do now, from the consequence table and floors: the supervision ratio new purchases are
 * sold under, the cap on its total advance (null: none), the deposit share (null: the protection rule's), the
 * insurance premium tier, the settlement cycle (null: the sector's), whether sales are blocked and why;
 * {@code sources} names the table row or floor behind each value.
 */
public record TermsView(UUID merchantId, RiskTier tier, int supervisionRatioBp, Money advanceCap, Integer depositShareBp,
                        String insuranceTier, String settlementFrequency, DayOfWeek payoutDay, boolean salesBlocked,
                        String blockSource, Map<String, String> sources, Instant computedAt) {

    public TermsView {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }
}
