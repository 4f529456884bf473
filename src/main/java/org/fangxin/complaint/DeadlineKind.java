package org.fangxin.complaint;

/**
 * The deadline of each open stage, counted in working days (defaults in docs/complaints.md, configurable per region):
 * what happens when it passes is in {@link ComplaintStage} and the deadline table.
 */
public enum DeadlineKind {
    /** The merchant negotiates with the consumer (default 10 working days), then the platform mediates. */
    NEGOTIATION,
    /** The platform mediates (default 10), then the consumer association is asked to. */
    PLATFORM_MEDIATION,
    /** The association or regulator accepts or declines the case (default 7); silence counts as accepted. */
    ACCEPTANCE,
    /** Mediation ends without agreement (default 45); the insurance path follows. */
    MEDIATION,
    /** An accepted agreement is carried out (default 10); a merchant that does not pay in time fails the mediation. */
    PERFORMANCE
}
