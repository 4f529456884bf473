package org.fangxin.card;

import java.util.Optional;
import java.util.UUID;

/**
 * The dispute hold of redemptions for other modules (no access check: the caller has checked who acts, e.g. a
 * complaint about a redemption). A held redemption is DISPUTED: settlement withholds its net payable (the same hold as
 * a holder's dispute) until the hold ends — the release resumes, or the redemption is reversed and the card gets the
 * use back. Calls join the caller's transaction.
 */
public interface RedemptionDisputes {

    /** The redemption, whatever its status. */
    Optional<RedemptionView> findRedemption(UUID redemptionId);

    /**
     * Holds a redemption's release without the holder's dispute window (a complaint may come later): REDEEMED and never
     * decided → DISPUTED. Answers whether it is held now (true also when it already was DISPUTED); false when there is
     * nothing to hold (reversed, or its dispute was decided before).
     */
    boolean hold(UUID redemptionId, String reason);

    /** Ends a hold so the release resumes (the dispute is rejected); does nothing unless the redemption is DISPUTED. */
    void release(UUID redemptionId, String reason);
}
