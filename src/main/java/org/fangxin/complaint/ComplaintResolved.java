package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** A complaint closed, however it ended; {@code upheld} when an agreement was carried out (a risk signal). */
public record ComplaintResolved(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId,
                                ComplaintOutcome outcome, boolean upheld, Instant filedAt, Instant closedAt) { }
