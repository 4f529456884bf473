package org.fangxin.insurance;

/** What a policy covers: one merchant, a named group of merchants, or every merchant of a region (Kaifeng model). */
public enum PolicyScope {
    MERCHANT,
    GROUP,
    REGION
}
