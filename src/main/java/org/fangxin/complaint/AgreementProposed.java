package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** An agreement was proposed in a case; both parties are asked to accept or reject it. */
public record AgreementProposed(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId, UUID agreementId,
                                Remedy remedy, Money amount, String proposedParty, Instant at) { }
