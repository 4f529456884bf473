package org.fangxin.shared;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements whose outcome a command needs only at its end — writes that answer nothing (an audit entry, the recorded
 * idempotency answer, a redemption's rows) and checks that refuse the whole command — sent together in one round trip
 * (issue 15). Inside {@link #sendTogether} they are held in order and sent when the work returns, as one prepared SQL of
 * several statements (pgjdbc sends it as one batch of extended-protocol messages with a single Sync); outside it each
 * runs at once, as before. Each module still writes its own SQL and names what its statement must touch.
 * <p>
 * A statement that fails aborts the transaction; a statement that touches another number of rows than expected throws
 * its own exception (a {@link Rejection} for a check) after the whole round trip ran: the work's transaction (or
 * savepoint) must roll back on that exception, which {@code @Transactional} and {@code TransactionTemplate} do. The
 * work must not roll back a savepoint of its own and carry on, since what it deferred inside would still be sent.
 */
@Component
public class DeferredStatements {

    /** Bound on the statements held by one {@link #sendTogether}. */
    static final int HELD_MAX = 64;

    /** A held statement; {@code refusal} is what to throw when it did not touch {@code rowsExpected} rows. */
    private record Held(String sql, Map<String, ?> params, int rowsExpected, Supplier<? extends RuntimeException> refusal) { }

    /** The statements held by this thread's {@link #sendTogether}, for the transaction (connection) it runs in. */
    private record Scope(Object transaction, List<Held> held) { }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    DeferredStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = java.util.Objects.requireNonNull(jdbc.getDataSource(), "dataSource");
    }

    /**
     * Runs {@code work} in the caller's transaction, holding the statements it defers, and sends them in one round
     * trip once it returns (none are sent if it throws). A nested call joins the outer one, which sends.
     */
    public <T> T sendTogether(Supplier<T> work) {
        if (SCOPE.get() != null) {
            return work.get();
        }
        Object transaction = TransactionSynchronizationManager.getResource(dataSource);
        if (transaction == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("deferred statements are sent inside the command's transaction");
        }
        List<Held> held = new ArrayList<>();
        SCOPE.set(new Scope(transaction, held));
        T result;
        try {
            result = work.get();
        } finally {
            SCOPE.remove();
        }
        send(held);
        return result;
    }

    /**
     * Sends a statement with the others of {@link #sendTogether} (at once outside it); when it touches (writes, or
     * selects) another number of rows than {@code rowsExpected}, {@code refusal}'s exception is thrown.
     */
    public void defer(String sql, Map<String, ?> params, int rowsExpected, Supplier<? extends RuntimeException> refusal) {
        Held statement = new Held(sql, params, rowsExpected, refusal);
        Scope scope = SCOPE.get();
        List<Held> held = scope == null ? null : scope.held();
        if (held == null || TransactionSynchronizationManager.getResource(dataSource) != scope.transaction()) {
            send(List.of(statement)); // outside the scope's transaction (none, or a new one it started): at once
        } else if (held.size() >= HELD_MAX) {
            throw new IllegalStateException("more than " + HELD_MAX + " deferred statements in one command");
        } else {
            held.add(statement);
        }
    }

    /**
     * Runs a query whose rows the command needs now, sending the statements held so far (in the caller's
     * {@link #sendTogether}) before it in the same round trip: a check deferred earlier (say, the store of a redeem)
     * then costs no round trip and refuses before the command does its later work. A held statement's refusal is thrown
     * (the first in order) before the query's rows are answered; the query ran, so the command's transaction must roll
     * back on it, as for {@link #defer}. Outside a scope, or with nothing held, the query alone.
     */
    public <T> List<T> queryAfterHeld(String sql, Map<String, ?> params, RowMapper<T> rows) {
        Scope scope = SCOPE.get();
        List<Held> statements = new ArrayList<>();
        if (scope != null && TransactionSynchronizationManager.getResource(dataSource) == scope.transaction()) {
            statements.addAll(scope.held());
            scope.held().clear();
        }
        statements.add(new Held(sql, params, -1, null));
        return send(statements, rows);
    }

    /** The deferring modules' SQL texts are constants: each is parsed once (a bounded cache, like NamedParameterJdbcTemplate's). */
    private static final int PARSED_MAX = 256;
    private final Map<String, ParsedSql> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    private ParsedSql parse(String sql) {
        ParsedSql known = parsed.get(sql);
        if (known != null) {
            return known;
        }
        ParsedSql fresh = NamedParameterUtils.parseSqlStatement(sql.strip());
        if (parsed.size() < PARSED_MAX) {
            parsed.put(sql, fresh);
        }
        return fresh;
    }

    private void send(List<Held> held) {
        if (!held.isEmpty()) {
            send(held, null);
        }
    }

    /** Sends {@code held} in one round trip; with {@code rows}, the last statement is a query whose rows are answered. */
    private <T> List<T> send(List<Held> held, RowMapper<T> rows) {
        int checked = rows == null ? held.size() : held.size() - 1;
        List<T> answer = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (Held statement : held) {
            ParsedSql parsed = parse(statement.sql());
            MapSqlParameterSource params = new MapSqlParameterSource(statement.params());
            sql.append(sql.isEmpty() ? "" : ";\n").append(NamedParameterUtils.substituteNamedParameters(parsed, params));
            values.addAll(java.util.Arrays.asList(NamedParameterUtils.buildValueArray(parsed, params, null)));
        }
        List<Integer> touched = jdbc.execute(sql.toString(), (PreparedStatement statement) -> {
            for (int i = 0; i < values.size(); i++) {
                StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, values.get(i));
            }
            List<Integer> counts = new ArrayList<>(held.size());
            boolean resultSet = statement.execute();
            for (int i = 0; i < checked; i++) {
                if (resultSet) {
                    int n = 0;
                    try (ResultSet result = statement.getResultSet()) {
                        while (result.next()) {
                            n++;
                        }
                    }
                    counts.add(n);
                } else {
                    counts.add(statement.getUpdateCount());
                }
                resultSet = statement.getMoreResults();
            }
            if (rows != null) {
                try (ResultSet result = statement.getResultSet()) {
                    for (int n = 0; result.next(); n++) {
                        answer.add(rows.mapRow(result, n));
                    }
                }
            }
            return counts;
        });
        for (int i = 0; i < checked; i++) {
            if (touched.get(i) != held.get(i).rowsExpected()) {
                throw held.get(i).refusal().get();
            }
        }
        return answer;
    }
}
