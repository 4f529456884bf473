package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;

/** A consumer's "store closed" report as answered to that consumer; {@code caseId} is set once a case is open. */
public record ClosureReportView(UUID id, UUID merchantId, Instant reportedAt, UUID caseId) { }
