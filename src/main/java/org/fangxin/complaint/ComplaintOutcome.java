package org.fangxin.complaint;

/** How a closed complaint ended. Only an agreement carried out counts as upheld for the risk signals. */
public enum ComplaintOutcome {
    /** The consumer withdrew it. */
    WITHDRAWN,
    /** The consumer association or regulator declined to accept it. */
    NOT_ACCEPTED,
    /** An agreement was reached and carried out (refund paid, service resumed, compensation paid). */
    AGREEMENT_PERFORMED,
    /** Mediation ended without agreement, or the merchant did not carry out the agreement in time. */
    MEDIATION_FAILED;

    public boolean upheld() {
        return this == AGREEMENT_PERFORMED;
    }
}
