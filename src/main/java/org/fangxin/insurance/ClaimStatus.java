package org.fangxin.insurance;

/**
 * Where a claim stands: FILED by the platform → UNDER_REVIEW by the insurer → DECIDED (see {@link ClaimOutcome}) → PAID
 * when the insurer's payment reached the guarantee fund. UNINSURED: no policy covered the closure (or its limits were
 * used up), nothing was filed and the loss stays a subrogation receivable against the merchant.
 */
public enum ClaimStatus {
    FILED,
    UNDER_REVIEW,
    DECIDED,
    PAID,
    UNINSURED
}
