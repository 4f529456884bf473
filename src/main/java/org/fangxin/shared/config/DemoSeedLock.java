package org.fangxin.shared.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Demo seeding is safe when two instances start at once against an empty database: the first runner takes a
 * PostgreSQL session advisory lock, every module's demo runner (each "create if absent") runs inside it, and the last
 * runner releases it. The second instance waits, then finds the data seeded and creates nothing twice.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoSeedLock {

    @Bean
    Holder demoSeedLockHolder(DataSource dataSource) {
        return new Holder(dataSource);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApplicationRunner demoSeedLockAcquire(Holder holder) {
        return args -> holder.acquire();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ApplicationRunner demoSeedLockRelease(Holder holder) {
        return args -> holder.release();
    }

    /** One connection holding the session lock from the first demo runner to the last. */
    static final class Holder implements DisposableBean {
        /** "FXDEMO" in ASCII: the advisory-lock key of demo seeding. */
        static final long KEY = 0x465844454D4FL;
        private static final Logger log = LoggerFactory.getLogger(Holder.class);

        private final DataSource dataSource;
        private Connection connection;

        Holder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        synchronized void acquire() throws SQLException {
            if (connection != null) {
                return;
            }
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            log.info("demo seeding: waiting for other instances seeding the same database");
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                lock.execute();
            }
        }

        synchronized void release() throws SQLException {
            if (connection == null) {
                return;
            }
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, KEY);
                unlock.execute();
            } finally {
                connection.close();
                connection = null;
            }
        }

        @Override
        public void destroy() throws SQLException {
            release();
        }
    }
}
