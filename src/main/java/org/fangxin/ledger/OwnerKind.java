package org.fangxin.ledger;

/** What the owner id of an account refers to; {@code PLATFORM} accounts have no owner. */
public enum OwnerKind {
    PLATFORM,
    MERCHANT,
    CARD,
    INSURER;

    public boolean requiresOwner() {
        return this != PLATFORM;
    }
}
