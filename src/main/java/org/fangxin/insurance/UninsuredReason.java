package org.fangxin.insurance;

/** Why a closure's loss was not claimed from an insurer. */
public enum UninsuredReason {
    /** No policy covered the merchant on the closure date. */
    NO_POLICY,
    /** Policies covered the merchant, but none insures this trigger. */
    TRIGGER_NOT_COVERED,
    /** The covering policy's per-merchant or aggregate annual limit is used up. */
    LIMIT_EXHAUSTED
}
