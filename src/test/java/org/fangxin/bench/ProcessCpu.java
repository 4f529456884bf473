package org.fangxin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of another process on this machine, from {@code /proc/<pid>/stat}: what the service spent
 * per operation holds up better than ops/s while other work shares the cores. Unknown pid → -1.
 */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final String pid;

    private ProcessCpu(String pid) {
        this.pid = pid;
    }

    static ProcessCpu of(String pid) {
        return new ProcessCpu(pid == null || pid.isBlank() ? null : pid.strip());
    }

    String describe() {
        return pid == null ? "nowhere (BENCH_APP_PID not set)" : "from /proc/" + pid + "/stat";
    }

    /** utime + stime in milliseconds, or -1 when unknown. */
    long millis() {
        if (pid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND; // fields 14, 15
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
