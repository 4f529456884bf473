package org.fangxin.complaint;

/** Why a mediation failed. */
public enum FailureReason {
    /** The mediation deadline passed without agreement. */
    MEDIATION_TIME_ELAPSED,
    /** The mediator ended the mediation: the parties will not agree. */
    ENDED_BY_MEDIATOR,
    /** The agreement was not carried out in time (e.g. the merchant did not pay the agreed refund). */
    AGREEMENT_NOT_PERFORMED
}
