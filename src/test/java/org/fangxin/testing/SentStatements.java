package org.fangxin.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records the SQL the application sends to PostgreSQL, as the driver sends it: pgjdbc logs each Parse message (the
 * native SQL with {@code $n} parameters and the parameter types it declares) at FINEST, and this listens to that log
 * while it is open. A statement already prepared on a pooled connection is not parsed again, so opening evicts the
 * pool's connections: every statement sent while recording is parsed on a fresh connection at least once.
 * Used by the plan-shape guard ({@link GenericPlans}).
 */
public final class SentStatements implements AutoCloseable {

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger would lose the level set here. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    private static final String PARSE = " FE=> Parse(stmt=";
    private static final String QUERY = ",query=\"";
    private static final String OIDS = "\",oids={";

    private final Set<GenericPlans.Sql> sent = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Level levelBefore;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message == null || !message.startsWith(PARSE)) {
                return;
            }
            if (record.getParameters() != null && record.getParameters().length > 0) {
                message = MessageFormat.format(message, record.getParameters());
            }
            parse(message).ifPresent(sent::add);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private SentStatements(DataSource dataSource) {
        levelBefore = DRIVER.getLevel();
        DRIVER.setLevel(Level.FINEST);
        DRIVER.addHandler(handler);
        try {
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        } catch (SQLException e) {
            throw new IllegalStateException("the plan-shape guard needs the Hikari pool to evict its connections", e);
        }
    }

    /** Starts recording what the application sends through {@code dataSource} (and any other pgjdbc connection). */
    public static SentStatements record(DataSource dataSource) {
        return new SentStatements(dataSource);
    }

    /** What was sent so far, each distinct text and parameter types once, in first-sent order. */
    public List<GenericPlans.Sql> statements() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    @Override
    public void close() {
        DRIVER.removeHandler(handler);
        DRIVER.setLevel(levelBefore);
    }

    static java.util.Optional<GenericPlans.Sql> parse(String message) {
        int query = message.indexOf(QUERY);
        int oids = message.lastIndexOf(OIDS);
        if (query < 0 || oids < query) {
            return java.util.Optional.empty();
        }
        String sql = message.substring(query + QUERY.length(), oids);
        String types = message.substring(oids + OIDS.length(), message.lastIndexOf('}'));
        List<Integer> parameterOids = types.isBlank() ? List.of()
                : Arrays.stream(types.split(",")).map(String::trim).map(Integer::valueOf).toList();
        return java.util.Optional.of(new GenericPlans.Sql(sql, parameterOids));
    }
}
