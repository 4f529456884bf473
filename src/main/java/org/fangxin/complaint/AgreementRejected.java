package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** A party rejected the proposed agreement; the stage goes on. */
public record AgreementRejected(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId, UUID agreementId,
                                String rejectedBy, Instant at) { }
