package org.fangxin.insurance;

/** Why a line was claimed from the insurer for less than the guarantee fund paid. */
public enum CapReason {
    PER_CONSUMER_LIMIT,
    PER_MERCHANT_LIMIT,
    AGGREGATE_LIMIT,
    /** No policy covered the line at all (the whole claim is UNINSURED). */
    UNINSURED
}
