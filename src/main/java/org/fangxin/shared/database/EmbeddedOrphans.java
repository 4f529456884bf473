package org.fangxin.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL outliving a crashed JVM. After {@code kill -9} of the service its postmaster keeps running
 * (the kernel does not stop children) and holds {@code postmaster.pid}, so the next start failed. Two remedies:
 * at start, an orphan that is provably this data directory's postmaster is shut down (fast shutdown: every committed
 * transaction is on disk with fsync and synchronous commit on) before the new server starts; and while the service
 * runs, a small watchdog process shuts the postmaster down as soon as the JVM is gone, however it ended (Linux).
 */
final class EmbeddedOrphans {

    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);
    /** The file the embedded library locks while a JVM uses the data directory (released by the kernel on a crash). */
    static final String LOCK_FILE = "epg-lock";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedOrphans.class);

    private EmbeddedOrphans() {
    }

    /**
     * Clears the way for a new server on {@code dataDir}: a live postmaster of this directory is shut down and waited
     * for; a pid file naming a process that is not this directory's postmaster (a reused pid) is stale and removed.
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().matches("[0-9]{1,10}")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isPresent() && heldByALiveService(dataDir)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDir + " is in use by another running instance "
                    + "of the service (it holds " + LOCK_FILE + "); stop that one first, or give this one its own FANGXIN_DATA_DIR");
        }
        if (process.isEmpty()) {
            return;  // the postmaster died too: PostgreSQL removes its own stale pid file and recovers from the WAL
        }
        if (!isPostmasterOf(process.get(), dataDir)) {
            log.warn("{} names pid {}, which is not this directory's PostgreSQL (a reused pid): removing the stale file", pidFile, pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("the embedded PostgreSQL of a crashed run (pid {}) still holds {}: shutting it down before starting again", pid, dataDir);
        signal(pid, "INT");  // fast shutdown: ends sessions, writes a checkpoint, keeps every committed transaction
        if (!awaitExit(process.get(), SHUTDOWN_WAIT)) {
            log.warn("the orphaned PostgreSQL (pid {}) did not stop in {}: killing it (the next start recovers from the WAL)", pid, SHUTDOWN_WAIT);
            process.get().destroyForcibly();
            awaitExit(process.get(), Duration.ofSeconds(10));
        }
    }

    /**
     * Starts the watchdog: a shell loop that waits for this JVM to disappear, then shuts the postmaster down, after
     * checking that the pid still belongs to this data directory's postmaster. Empty where there is no {@code /proc}.
     */
    static Optional<Process> watch(long postmasterPid, Path dataDir) {
        if (!Files.isDirectory(Path.of("/proc/self")) || !Files.isExecutable(Path.of("/bin/sh"))) {
            return Optional.empty();
        }
        long jvm = ProcessHandle.current().pid();
        String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; "
                + "if tr '\\000' '\\n' < /proc/" + postmasterPid + "/cmdline 2>/dev/null | grep -qxF -- \"$1\"; then "
                + "kill -INT " + postmasterPid + "; fi";
        try {
            Process watchdog = new ProcessBuilder("/bin/sh", "-c", script, "fangxin-pg-watchdog", dataDir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(watchdog);
        } catch (IOException e) {
            log.warn("could not start the embedded PostgreSQL watchdog; a crash of this JVM leaves the server running "
                    + "until the next start stops it: {}", e.toString());
            return Optional.empty();
        }
    }

    /** True when a running JVM holds the embedded library's lock on the directory: its server is no orphan. */
    static boolean heldByALiveService(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (var channel = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.WRITE)) {
            var lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;  // this very JVM holds it
        }
    }

    /** The postmaster's pid from its pid file (written once the server runs). */
    static Optional<Long> postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A postgres executable whose command line names this data directory (zonky starts it with {@code -D dir}). */
    static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
        String command = process.info().command().orElse("");
        if (!command.endsWith("/postgres") && !command.equals("postgres")) {
            return false;
        }
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            String directory = dataDir.toRealPath().toString();
            if (Files.isReadable(cmdline)) {
                return List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\u0000")).contains(directory)
                        || List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\u0000")).contains(dataDir.toString());
            }
            return process.info().arguments().map(List::of).orElse(List.of()).contains(directory);
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + pid, e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
