package org.fangxin.insurance;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * What an insurer may recover from a merchant after paying its consumers directly under a claim (subrogation): the
 * approved amount, recorded when the claim was decided. Pursuing it is the insurer's business; the platform shows it.
 */
public record RecoveryClaimView(UUID claimId, UUID insurerId, UUID merchantId, Money amount, Instant recordedAt) { }
