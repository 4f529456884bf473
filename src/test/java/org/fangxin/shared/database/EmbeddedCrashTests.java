package org.fangxin.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #14 item 1: after {@code kill -9} of the service, the embedded PostgreSQL kept running as an orphan holding
 * {@code postmaster.pid} and the next start failed ("lock file already exists", gave up after 10 s). A child JVM runs
 * the embedded database the way the service does, commits, and is killed with SIGKILL; the next start on the same
 * directory must come up at once with the committed row.
 */
@Tag("application")
class EmbeddedCrashTests {

    /** The crashing "service": starts the embedded database, commits one row, says READY and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            DataSource dataSource = new DatabaseConfiguration().dataSource("", "", "", 2, Duration.ofSeconds(10), args[0], 0,
                    Boolean.parseBoolean(args[1]));
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("create table if not exists acknowledged (note text)").update();
            jdbc.sql("insert into acknowledged values (:note)").param("note", args[2]).update();
            System.out.println("READY " + EmbeddedOrphans.postmasterPid(Path.of(args[0]).toAbsolutePath()).orElse(-1L));
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void aRestartAfterKill9StopsTheOrphanAndKeepsTheCommittedRow() throws Exception {
        Path dataDir = Files.createTempDirectory("fangxin-crash-");
        long orphan = crashChild(dataDir, false, "paid before the crash");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        assertThat(restartAndRead(dataDir)).containsExactly("paid before the crash");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theWatchdogShutsThePostmasterDownWhenTheJvmDies() throws Exception {
        Path dataDir = Files.createTempDirectory("fangxin-crash-");
        long postmaster = crashChild(dataDir, true, "paid before the crash");

        ProcessHandle.of(postmaster).ifPresent(handle -> handle.onExit().orTimeout(60, TimeUnit.SECONDS).join());

        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(restartAndRead(dataDir)).containsExactly("paid before the crash");
    }

    /** Starts the child, waits for READY, kills it with SIGKILL; answers the postmaster's pid. */
    private static long crashChild(Path dataDir, boolean watchdog, String note) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                dataDir.toString(), Boolean.toString(watchdog), note).redirectErrorStream(true).start();
        long postmaster = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    postmaster = Long.parseLong(line.substring(6).trim());
                    break;
                }
            }
            child.destroyForcibly();  // SIGKILL: no shutdown hook runs, as with kill -9
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(postmaster).as("the child reached READY").isPositive();
        return postmaster;
    }

    private static List<String> restartAndRead(Path dataDir) throws Exception {
        HikariDataSource restarted = (HikariDataSource) new DatabaseConfiguration()
                .dataSource("", "", "", 2, Duration.ofSeconds(10), dataDir.toString(), 0, true);
        try {
            return JdbcClient.create(restarted).sql("select note from acknowledged").query(String.class).list();
        } finally {
            restarted.close();
        }
    }
}
