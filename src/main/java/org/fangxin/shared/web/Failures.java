package org.fangxin.shared.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Classifies unexpected failures: which ones mean that the database is unreachable and the caller should retry later (503). */
final class Failures {

    /** How deep a cause chain is followed (a cycle or a very long chain must not hang an error answer). */
    private static final int CAUSE_DEPTH_MAX = 20;

    private Failures() {
    }

    /**
     * True when the failure is the database being unreachable or shutting down: no connection from the pool in time,
     * a refused or broken connection, or PostgreSQL's connection-exception (08xxx) and shutdown (57P01-57P03) states.
     */
    static boolean databaseUnavailable(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < CAUSE_DEPTH_MAX; depth++, current = current.getCause()) {
            if (current instanceof CannotGetJdbcConnectionException || current instanceof CannotCreateTransactionException
                    || current instanceof DataAccessResourceFailureException || current instanceof SQLTransientConnectionException
                    || current instanceof SQLNonTransientConnectionException || current instanceof ConnectException) {
                return true;
            }
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /** The first cause of the given type in the chain, if any. */
    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < CAUSE_DEPTH_MAX; depth++, current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }
}
