package org.fangxin.shared;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Guards code that calls out over the network (a payment provider): it must run with no database transaction open, or
 * every caller holds a pooled connection across the call. Not {@code @Transactional(propagation = NEVER)}: that scope
 * still binds the first connection used to the thread until it ends, which is exactly the holding to avoid.
 */
public final class OutsideTransaction {

    private OutsideTransaction() {
    }

    /** Throws if a transaction is open on this thread, or a connection is bound to it by a transaction scope. */
    public static void require(String what) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException(what + " must run outside any transaction");
        }
    }
}
