package org.fangxin.complaint.domain;

/** Who takes a step in a case: one of its parties, a mediator, or the platform's deadline job. */
public enum Party {
    CONSUMER,
    MERCHANT,
    PLATFORM,
    ASSOCIATION,
    REGULATOR,
    DEADLINE
}
