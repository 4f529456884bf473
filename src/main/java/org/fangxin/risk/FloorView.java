package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/**
 * A ratio floor in force: in the region × sector, when {@code condition} holds at {@code threshold} (fen, months or
 * basis points), the supervision ratio is at least {@code supervisionRatioBp} and/or sales stop, whatever the tier.
 */
public record FloorView(UUID id, String regionCode, String sector, String condition, long threshold,
                        Integer supervisionRatioBp, boolean salesBlocked, String source, Instant createdAt,
                        String createdBy) { }
