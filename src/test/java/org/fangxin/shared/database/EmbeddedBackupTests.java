package org.fangxin.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #14 item 7: the embedded default's backup is taken while the server writes, and restoring it into a fresh
 * directory gives a server that starts (replaying the WAL) with every row committed before the backup began.
 * (ops/restore-test.sh does the same with the whole service and its ledger invariants.)
 */
@Tag("application")
class EmbeddedBackupTests {

    @Test
    void backsUpWhileWritingAndRestoresIntoAFreshDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("fangxin-backup-src-");
        Path zip = Files.createTempDirectory("fangxin-backup-").resolve("backup.zip");
        Path restored = Files.createTempDirectory("fangxin-backup-dst-").resolve("postgres");
        HikariDataSource source = (HikariDataSource) new DatabaseConfiguration()
                .dataSource("", "", "", 4, Duration.ofSeconds(10), dataDir.toString(), 0, true);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        try {
            JdbcClient jdbc = JdbcClient.create(source);
            jdbc.sql("create table payment (id bigint primary key, amount_minor bigint not null)").update();
            for (long i = 1; i <= 100; i++) {
                jdbc.sql("insert into payment values (:id, 100)").param("id", i).update();
            }
            written.set(100);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    long id = written.get() + 1;
                    jdbc.sql("insert into payment values (:id, 100)").param("id", id).update();
                    written.set(id);
                }
            });

            EmbeddedBackup.backup(dataDir, zip);

            writing.set(false);
            writer.join();
        } finally {
            source.close();
        }
        EmbeddedBackup.restore(zip, restored);
        HikariDataSource copy = (HikariDataSource) new DatabaseConfiguration()
                .dataSource("", "", "", 2, Duration.ofSeconds(10), restored.toString(), 0, true);
        try {
            JdbcClient jdbc = JdbcClient.create(copy);
            long rows = jdbc.sql("select count(*) from payment").query(Long.class).single();
            long highest = jdbc.sql("select max(id) from payment").query(Long.class).single();
            assertThat(rows).isGreaterThanOrEqualTo(100).isLessThanOrEqualTo(written.get()).isEqualTo(highest);
            assertThat(jdbc.sql("select sum(amount_minor) from payment").query(Long.class).single()).isEqualTo(rows * 100);
        } finally {
            copy.close();
        }
    }
}
