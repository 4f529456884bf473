package org.fangxin.risk.persistence;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.risk.TermsView;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The terms already read in the current transaction, by merchant (issue 15: a purchase's issue asked for the same row
 * twice, for the supervision ratio's bounds and for the advance cap). Bound to the transaction: a suspended one keeps
 * its own, a new one starts empty, and writing terms forgets them.
 */
final class TermsReadInTransaction {

    private static final Object KEY = new Object();

    private TermsReadInTransaction() {
    }

    /** The merchant's terms, read with {@code read} at most once per transaction (every time outside one). */
    static Optional<TermsView> once(UUID merchantId, Function<UUID, Optional<TermsView>> read) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.apply(merchantId);
        }
        @SuppressWarnings("unchecked")
        Map<UUID, Optional<TermsView>> terms = (Map<UUID, Optional<TermsView>>) TransactionSynchronizationManager.getResource(KEY);
        if (terms == null) {
            terms = bound();
        }
        Optional<TermsView> found = terms.get(merchantId);
        if (found == null) {
            found = read.apply(merchantId);
            terms.put(merchantId, found);
        }
        return found;
    }

    /** Terms were written in this transaction: read them again. */
    static void forget() {
        if (TransactionSynchronizationManager.getResource(KEY) instanceof Map<?, ?> terms) {
            terms.clear();
        }
    }

    private static Map<UUID, Optional<TermsView>> bound() {
        Map<UUID, Optional<TermsView>> terms = new HashMap<>();
        TransactionSynchronizationManager.bindResource(KEY, terms);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                TransactionSynchronizationManager.bindResource(KEY, terms);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
        });
        return terms;
    }
}
