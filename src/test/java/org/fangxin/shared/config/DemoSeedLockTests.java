package org.fangxin.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fangxin.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue #14 item 5: two demo instances starting at once against an empty database (before: the second failed on a
 * duplicate user). The second instance's seeding waits on the first one's lock, so it sees what the first created.
 */
class DemoSeedLockTests {

    @Test
    void aSecondInstanceSeedsOnlyAfterTheFirstHasFinished() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        TestDatabase.register((name, value) -> settings.put(name, value.get()));
        DriverManagerDataSource dataSource = new DriverManagerDataSource((String) settings.get("fangxin.db.url"),
                (String) settings.get("fangxin.db.user"), (String) settings.get("fangxin.db.password"));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        DemoSeedLock.Holder first = new DemoSeedLock.Holder(dataSource);
        DemoSeedLock.Holder second = new DemoSeedLock.Holder(dataSource);

        first.acquire();
        CompletableFuture<Void> secondSeeding = CompletableFuture.runAsync(() -> {
            try {
                second.acquire();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiters(jdbc, 1);
        assertThat(secondSeeding).isNotDone();

        first.release();
        secondSeeding.get(30, TimeUnit.SECONDS);
        second.release();
        assertThat(waiters(jdbc)).isZero();
    }

    private static void awaitWaiters(JdbcClient jdbc, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (waiters(jdbc) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(waiters(jdbc)).isEqualTo(count);
    }

    private static int waiters(JdbcClient jdbc) {
        return jdbc.sql("""
                select count(*) from pg_locks
                 where locktype = 'advisory' and not granted and ((classid::bigint << 32) | objid::bigint) = :key
                """).param("key", DemoSeedLock.Holder.KEY).query(Integer.class).single();
    }
}
