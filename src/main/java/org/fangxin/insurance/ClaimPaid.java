package org.fangxin.insurance;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The insurer paid an approved claim into the platform guarantee fund. */
public record ClaimPaid(UUID claimId, UUID caseId, UUID merchantId, UUID insurerId, Money amount, Instant at) { }
