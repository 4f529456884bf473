package org.fangxin.risk;

/** Why an alert was raised. */
public enum AlertKind {
    /** The merchant's tier dropped. */
    TIER_DROP,
    /** A factor reached the value at which it costs its full weight. */
    FACTOR_THRESHOLD,
    /** A feed put the merchant on the dishonest-debtor, abnormal-operation or deregistration list. */
    LIST_HIT
}
