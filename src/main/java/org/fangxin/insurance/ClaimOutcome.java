package org.fangxin.insurance;

/** The insurer's decision on a claim: every covered line approved in full, some of it, or nothing. */
public enum ClaimOutcome {
    APPROVED,
    PARTLY_APPROVED,
    REJECTED
}
