package org.fangxin.bank.reconciliation;

/** Where a break is in its workflow; each step is taken by an operator and audited. */
public enum BreakStatus {
    OPEN, ASSIGNED, EXPLAINED, RESOLVED,
    /** Approved by a second operator (not the resolver): closed. */
    APPROVED;

    public boolean isOpen() {
        return this != APPROVED;
    }
}
