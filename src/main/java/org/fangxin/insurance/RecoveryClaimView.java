package org.fangxin.insurance;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * What an insurer may recover from a merchant after paying its consumers directly under a claim (subrogation): the
 * approved amount, recorded when the claim was decided; {@code recoveredFromEscrow} is what the paid cards' escrow
 * returned to the insurer when its payment was recorded. Pursuing the rest is the insurer's business; the platform shows it.
 */
public record RecoveryClaimView(UUID claimId, UUID insurerId, UUID merchantId, Money amount, Instant recordedAt,
                                Money recoveredFromEscrow) {

    /** What the insurer may still recover from the merchant itself. */
    public Money outstanding() {
        return amount.minus(recoveredFromEscrow);
    }
}
