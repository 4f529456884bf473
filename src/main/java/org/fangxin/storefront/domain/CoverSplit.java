package org.fangxin.storefront.domain;

/**
 * How a card's unredeemed value is covered, in fen, in the order a closure would pay it (escrow → risk deposit →
 * insurance → the platform's guarantee fund, which pays first and is reimbursed by the insurer): the part still in
 * escrow is the card's own; the part advanced to the merchant (its exposure) is covered by the merchant's deposit and
 * insured cover in proportion to the card's share of the merchant's exposure, rounded down, and the guarantee fund
 * takes the rest. The four parts always add up to the unredeemed value.
 */
public record CoverSplit(long escrowMinor, long depositMinor, long insuranceMinor, long guaranteeFundMinor) {

    public CoverSplit {
        if (escrowMinor < 0 || depositMinor < 0 || insuranceMinor < 0 || guaranteeFundMinor < 0) {
            throw new IllegalArgumentException("negative part");
        }
    }

    public long totalMinor() {
        return escrowMinor + depositMinor + insuranceMinor + guaranteeFundMinor;
    }

    /**
     * @param unredeemedMinor          the card's unredeemed value
     * @param advanceOutstandingMinor  the part of it advanced to the merchant (capped at the unredeemed value)
     * @param merchantExposureMinor    the merchant's whole advance exposure (MERCHANT_ADVANCE balance)
     * @param depositMinor             the merchant's lodged risk deposit (RISK_DEPOSIT balance)
     * @param insuredCoverMinor        the part of the merchant's exposure insurance in force covers
     */
    public static CoverSplit of(long unredeemedMinor, long advanceOutstandingMinor, long merchantExposureMinor,
                                long depositMinor, long insuredCoverMinor) {
        long unredeemed = Math.max(0, unredeemedMinor);
        long exposure = Math.min(unredeemed, Math.max(0, advanceOutstandingMinor));
        long escrow = unredeemed - exposure;
        long merchantExposure = Math.max(merchantExposureMinor, exposure);
        if (exposure == 0) {
            return new CoverSplit(escrow, 0, 0, 0);
        }
        long byDeposit = Math.min(Math.max(0, depositMinor), merchantExposure);
        long byInsurance = Math.min(Math.max(0, insuredCoverMinor), merchantExposure - byDeposit);
        long deposit = share(exposure, byDeposit, merchantExposure);
        long insurance = Math.min(exposure - deposit, share(exposure, byInsurance, merchantExposure));
        return new CoverSplit(escrow, deposit, insurance, exposure - deposit - insurance);
    }

    /** ⌊part × covered / whole⌋ without overflow for amounts up to 10^13 fen. */
    private static long share(long part, long covered, long whole) {
        return java.math.BigInteger.valueOf(part).multiply(java.math.BigInteger.valueOf(covered))
                .divide(java.math.BigInteger.valueOf(whole)).longValueExact();
    }
}
