package org.fangxin.insurance;

/** Events on which a closure-insurance product pays consumers their unredeemed value. */
public enum ClosureTrigger {
    BANKRUPTCY,
    LICENCE_REVOKED,
    CLOSURE_CONFIRMED,
    MEDIATION_FAILED
}
