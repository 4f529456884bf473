package org.fangxin.complaint;

/** Who handles a stage: the merchant itself (negotiation), the platform, the consumer association or the regulator. */
public enum Mediator {
    MERCHANT,
    PLATFORM,
    ASSOCIATION,
    REGULATOR
}
