package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/** A feed record held back because no merchant has its credit code (or released into the feeds, or discarded). */
public record QuarantineView(UUID id, UUID fileId, int line, String creditCode, FeedType type, String period, Long value,
                             String status, String reference, String note, String reason, String provider,
                             Instant receivedAt, Instant resolvedAt, String resolution, String resolvedBy) { }
