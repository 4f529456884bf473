package org.fangxin.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run command's database: an embedded PostgreSQL whose data outlives the process and that commits durably.
 * Starts the real server twice on one data directory, as two runs of the service would.
 */
@Tag("application")
class EmbeddedDatabaseTests {

    @Test
    void keepsDataAcrossRestartsWithDurableSettings() throws Exception {
        Path dataDir = Files.createTempDirectory("fangxin-embedded-");
        DatabaseConfiguration configuration = new DatabaseConfiguration();
        DataSource first = configuration.dataSource("", "", "", 2, Duration.ofSeconds(10), dataDir.toString(), 0, true);
        try {
            JdbcClient jdbc = JdbcClient.create(first);
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
            jdbc.sql("create table kept (note text)").update();
            jdbc.sql("insert into kept values ('paid 2,000 yuan')").update();
        } finally {
            ((HikariDataSource) first).close();
        }
        DataSource second = configuration.dataSource("", "", "", 2, Duration.ofSeconds(10), dataDir.toString(), 0, true);
        try {
            assertThat(JdbcClient.create(second).sql("select note from kept").query(String.class).single())
                    .isEqualTo("paid 2,000 yuan");
        } finally {
            ((HikariDataSource) second).close();
        }
    }
}
