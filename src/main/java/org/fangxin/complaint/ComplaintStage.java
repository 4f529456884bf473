package org.fangxin.complaint;

/**
 * Where a complaint stands (docs/complaints.md has the diagram). Each open stage has exactly one deadline of its
 * {@link #deadlineKind()} and one party who moves it on: the merchant negotiates, the platform mediates, the consumer
 * association or the regulator accepts the case and mediates; PERFORMANCE is an accepted agreement being carried out.
 */
public enum ComplaintStage {
    MERCHANT_NEGOTIATION(DeadlineKind.NEGOTIATION, Mediator.MERCHANT),
    PLATFORM_MEDIATION(DeadlineKind.PLATFORM_MEDIATION, Mediator.PLATFORM),
    ASSOCIATION_ACCEPTANCE(DeadlineKind.ACCEPTANCE, Mediator.ASSOCIATION),
    ASSOCIATION_MEDIATION(DeadlineKind.MEDIATION, Mediator.ASSOCIATION),
    REGULATOR_ACCEPTANCE(DeadlineKind.ACCEPTANCE, Mediator.REGULATOR),
    REGULATOR_MEDIATION(DeadlineKind.MEDIATION, Mediator.REGULATOR),
    PERFORMANCE(DeadlineKind.PERFORMANCE, null),
    CLOSED(null, null);

    private final DeadlineKind deadlineKind;
    private final Mediator handler;

    ComplaintStage(DeadlineKind deadlineKind, Mediator handler) {
        this.deadlineKind = deadlineKind;
        this.handler = handler;
    }

    /** The deadline every case in this stage has; null for CLOSED. */
    public DeadlineKind deadlineKind() {
        return deadlineKind;
    }

    /** Who moves the case on in this stage (accepts, mediates, proposes); null in PERFORMANCE and CLOSED. */
    public Mediator handler() {
        return handler;
    }

    public boolean open() {
        return this != CLOSED;
    }

    public boolean acceptance() {
        return this == ASSOCIATION_ACCEPTANCE || this == REGULATOR_ACCEPTANCE;
    }

    /** A stage in which an agreement may be proposed and accepted. */
    public boolean negotiable() {
        return this == MERCHANT_NEGOTIATION || this == PLATFORM_MEDIATION || this == ASSOCIATION_MEDIATION
                || this == REGULATOR_MEDIATION;
    }

    /** Mediation by the consumer association or the regulator, whose failure is the insurance trigger. */
    public boolean externalMediation() {
        return this == ASSOCIATION_MEDIATION || this == REGULATOR_MEDIATION;
    }
}
