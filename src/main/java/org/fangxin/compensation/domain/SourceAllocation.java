package org.fangxin.compensation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Splits each consumer's unredeemed value U into the sources that pay it, in the legal order (docs/protection.md,
 * Compensation): first the card's own escrow (U less the card's advance not yet earned, as long as the merchant's
 * escrow available to compensation lasts), then the merchant's risk deposit, then the platform guarantee fund, over
 * the lines in the given (fixed) order. Pure: amounts in fen.
 */
public final class SourceAllocation {

    private SourceAllocation() {
    }

    /** One card to compensate: its unredeemed value and the part of it advanced to the merchant (not in escrow). */
    public record Claim(UUID cardId, long unredeemedMinor, long advanceMinor) {
        public Claim {
            if (unredeemedMinor <= 0 || advanceMinor < 0) {
                throw new IllegalArgumentException("unredeemed > 0 and advance ≥ 0, got " + unredeemedMinor + "/" + advanceMinor);
            }
        }

        long escrowBacked() {
            return unredeemedMinor - Math.min(advanceMinor, unredeemedMinor);
        }
    }

    /** The sources of one line: escrow + deposit + fund = unredeemed, each ≥ 0. */
    public record Share(UUID cardId, long unredeemedMinor, long escrowMinor, long depositMinor, long fundMinor) {
        public Share {
            if (escrowMinor < 0 || depositMinor < 0 || fundMinor < 0
                    || Math.addExact(Math.addExact(escrowMinor, depositMinor), fundMinor) != unredeemedMinor) {
                throw new IllegalStateException("sources " + escrowMinor + "+" + depositMinor + "+" + fundMinor
                        + " do not add up to " + unredeemedMinor);
            }
        }

        /** What the merchant's deposit and the guarantee fund pay: settles advance (MERCHANT_ADVANCE) of the merchant. */
        public long advanceSettledMinor() {
            return depositMinor + fundMinor;
        }
    }

    /**
     * @param escrowAvailableMinor escrow cash not owed to anyone else (clamped at 0)
     * @param depositMinor the merchant's risk deposit that may be forfeited (clamped at 0)
     */
    public static List<Share> allocate(List<Claim> claims, long escrowAvailableMinor, long depositMinor) {
        long escrowLeft = Math.max(0, escrowAvailableMinor);
        long depositLeft = Math.max(0, depositMinor);
        List<Share> shares = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            long u = claim.unredeemedMinor();
            long e = Math.min(claim.escrowBacked(), escrowLeft);
            escrowLeft -= e;
            long d = Math.min(u - e, depositLeft);
            depositLeft -= d;
            shares.add(new Share(claim.cardId(), u, e, d, u - e - d));
        }
        return shares;
    }
}
