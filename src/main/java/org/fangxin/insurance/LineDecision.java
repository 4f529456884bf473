package org.fangxin.insurance;

/** The insurer's decision on one claim line: the covered amount in full, a lesser amount (with a reason), or nothing (with a reason). */
public enum LineDecision {
    APPROVED,
    REDUCED,
    REJECTED
}
