package org.fangxin.insurance;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The insurer decided a claim; {@code approved} is now owed by the insurer (booked as INSURER_RECEIVABLE). */
public record ClaimDecided(UUID claimId, UUID caseId, UUID merchantId, UUID insurerId, ClaimOutcome outcome,
                           Money approved, Instant at) { }
