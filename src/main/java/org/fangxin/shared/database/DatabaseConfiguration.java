package org.fangxin.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's PostgreSQL: an external server when {@code fangxin.db.url} (FANGXIN_DB_URL) is set, otherwise an
 * embedded server whose data directory persists under the working folder, run with durable settings (the embedded
 * library's own defaults switch fsync and synchronous commit off, which would lose committed money on a crash).
 * The {@code sharded} profile (ADR 12, built with the Maven profile of that name) brings its own data source instead.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.context.annotation.Profile("!sharded")
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(@Value("${fangxin.db.url:}") String url,
                          @Value("${fangxin.db.user:}") String user,
                          @Value("${fangxin.db.password:}") String password,
                          @Value("${fangxin.db.pool-size-max:10}") int poolSizeMax,
                          @Value("${fangxin.db.connection-timeout:10s}") java.time.Duration connectionTimeout,
                          @Value("${fangxin.db.embedded.data-dir:data/postgres}") String dataDir,
                          @Value("${fangxin.db.embedded.port:0}") int port,
                          @Value("${fangxin.db.embedded.watchdog:true}") boolean watchdog) throws IOException {
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(poolSizeMax);
        pool.setPoolName("fangxin");
        pool.setConnectionTimeout(connectionTimeout.toMillis());
        if (url.isBlank()) {
            Path directory = Path.of(dataDir).toAbsolutePath();
            EmbeddedPostgres server = startEmbedded(directory, port);
            Process guard = watchdog ? EmbeddedOrphans.postmasterPid(directory)
                    .flatMap(pid -> EmbeddedOrphans.watch(pid, directory)).orElse(null) : null;
            pool.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            pool.setUsername("postgres");
            pool.setPassword("");
            return new EmbeddedDataSource(pool, server, guard);
        }
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        return new HikariDataSource(pool);
    }

    private static EmbeddedPostgres startEmbedded(Path absolute, int port) throws IOException {
        Files.createDirectories(absolute);
        // A crashed run (kill -9) leaves its postmaster running and holding the pid file: stop it first.
        EmbeddedOrphans.stopOrphan(absolute);
        log.info("starting embedded PostgreSQL with data in {}", absolute);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(absolute)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // an online backup (EmbeddedBackup) needs the WAL written while it copies: keep some, not just to a checkpoint
                .setServerConfig("wal_keep_size", "256MB")
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** A pool that stops its embedded server (and the server's watchdog) when the application closes. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgres server;
        private final Process watchdog;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgres server, Process watchdog) {
            super(config);
            this.server = server;
            this.watchdog = watchdog;
        }

        @Override
        public void close() {
            if (watchdog != null) {
                watchdog.destroy();
            }
            super.close();
            try {
                server.close();
            } catch (IOException e) {
                log.warn("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
