package org.fangxin.shared.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk rows through PostgreSQL's {@code COPY … FROM STDIN} (text format) on the connection of the current
 * transaction, so the rows commit or roll back with the rest of it. A million rows are one statement instead of a
 * thousand batches; the table's constraints, indexes and triggers apply as for inserts.
 * Use: {@code try (var copy = PgCopy.into(ds, "bank.x (a, b)")) { copy.value(a).value(b).endRow(); }}.
 */
public final class PgCopy implements AutoCloseable {

    /** Bytes gathered before they are handed to the server. */
    private static final int FLUSH_BYTES = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(FLUSH_BYTES + 4_096);
    private boolean firstColumn = true;
    private long rows;
    private boolean ended;

    private PgCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code COPY <tableAndColumns> FROM STDIN} on the transaction's connection of the data source. */
    public static PgCopy into(DataSource dataSource, String tableAndColumns) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            return new PgCopy(pg.getCopyAPI().copyIn("copy " + tableAndColumns + " from stdin"));
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + tableAndColumns + " could not start", e);
        }
    }

    public PgCopy value(String text) {
        separate();
        if (text == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    public PgCopy value(long number) {
        separate();
        row.append(number);
        return this;
    }

    public PgCopy value(UUID id) {
        separate();
        row.append(id == null ? "\\N" : id.toString());
        return this;
    }

    public PgCopy value(LocalDate date) {
        separate();
        row.append(date == null ? "\\N" : date.toString());
        return this;
    }

    /** A timestamp (timestamptz column), ISO-8601 in UTC. */
    public PgCopy value(java.time.Instant instant) {
        separate();
        row.append(instant == null ? "\\N" : instant.toString());
        return this;
    }

    public void endRow() {
        row.append('\n');
        firstColumn = true;
        rows++;
        if (row.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    /** Ends the COPY; answers the rows the server stored. */
    public long end() {
        flush();
        try {
            ended = true;
            long stored = copy.endCopy();
            if (stored != rows) {
                throw new IllegalStateException("COPY stored " + stored + " rows of " + rows);
            }
            return stored;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY failed", e);
        }
    }

    /** Cancels a COPY that was not ended (the transaction then rolls back by the caller's exception). */
    @Override
    public void close() {
        if (!ended && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the caller's exception is the one that matters; the transaction is rolled back anyway
            }
        }
    }

    private void separate() {
        if (!firstColumn) {
            row.append('\t');
        }
        firstColumn = false;
    }

    private void flush() {
        if (row.isEmpty()) {
            return;
        }
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        row.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY failed", e);
        }
    }
}
