package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** Someone wrote in a case; the other parties are told (never what was written, only that there is news). */
public record ComplaintMessagePosted(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId,
                                     String party, Instant at) { }
