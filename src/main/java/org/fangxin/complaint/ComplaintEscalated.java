package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** A complaint moved up (merchant → platform → association or regulator); {@code automatic} when its deadline passed. */
public record ComplaintEscalated(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId,
                                 ComplaintStage from, ComplaintStage to, boolean automatic, Instant at) { }
