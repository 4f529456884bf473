package org.fangxin.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        String url = System.getenv("TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            registry.add("fangxin.db.url", () -> url);
            registry.add("fangxin.db.user", () -> env("TEST_DB_USER", "fangxin"));
            registry.add("fangxin.db.password", () -> env("TEST_DB_PASSWORD", "fangxin"));
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
