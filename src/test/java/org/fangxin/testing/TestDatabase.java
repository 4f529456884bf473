package org.fangxin.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real PostgreSQL for tests: the server named by TEST_DB_URL (CI starts the system cluster), otherwise one embedded
 * server per JVM with the library's fast, non-durable settings.
 */
public final class TestDatabase {

    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        String given = System.getenv("TEST_DB_URL");
        if (given != null && !given.isBlank()) {
            String user = env("TEST_DB_USER", "fangxin");
            String password = env("TEST_DB_PASSWORD", "fangxin");
            String url = forkDatabase(given, user, password);
            registry.add("fangxin.db.url", () -> url);
            registry.add("fangxin.db.user", () -> user);
            registry.add("fangxin.db.password", () -> password);
            return;
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
        registry.add("fangxin.db.url", () -> jdbcUrl);
        registry.add("fangxin.db.user", () -> "postgres");
        registry.add("fangxin.db.password", () -> "");
    }

    /**
     * With several test JVMs (surefire's {@code forkCount}, property {@code test.forks}), each uses its own database,
     * {@code <database>_<fork number>}, created on first use: tests of one JVM share a clock that only moves forward
     * and assume nothing about rows other JVMs write, so two JVMs must not share a database.
     */
    static String forkDatabase(String url, String user, String password) {
        int forks = Integer.getInteger("fangxin.test.forks", 1);
        String fork = System.getProperty("fangxin.test.fork");
        if (forks <= 1 || fork == null || fork.isBlank()) {
            return url;
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String options = query < 0 ? "" : url.substring(query);
        String database = base.substring(base.lastIndexOf('/') + 1) + "_" + fork;
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalStateException("TEST_DB_URL must name a plain database name; got " + url);
        }
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test JVM " + fork + " needs database " + database + " (create it owned by "
                    + user + ", grant " + user + " CREATEDB, or run with -Dtest.forks=1): " + e.getMessage(), e);
        }
        return base.substring(0, base.lastIndexOf('/') + 1) + database + options;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
