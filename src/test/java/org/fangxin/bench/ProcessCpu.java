package org.fangxin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of another process on this machine, from {@code /proc/<pid>/stat}: what the service spent
 * per operation holds up better than ops/s while other work shares the cores. Unknown pid → -1. {@link #byGroup()}
 * splits it by thread ({@code /proc/<pid>/task/*}), so a step's CPU can be told apart into request threads, the JIT
 * compilers, the garbage collector and VM threads, the asynchronous event listeners and the rest (start-up, jobs,
 * the audit sealer, the pool): on a fresh JVM the JIT can be most of "CPU per operation".
 */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    /** Thread groups in the order they are printed; a thread's group is decided by its name ({@code comm}, 15 chars). */
    static final String[] GROUPS = {"requests", "JIT", "GC/VM", "events", "other"};

    private final String pid;

    private ProcessCpu(String pid) {
        this.pid = pid;
    }

    static ProcessCpu of(String pid) {
        return new ProcessCpu(pid == null || pid.isBlank() ? null : pid.strip());
    }

    String describe() {
        return pid == null ? "nowhere (BENCH_APP_PID not set)" : "from /proc/" + pid + "/stat and /proc/" + pid + "/task/*/stat";
    }

    /** utime + stime in milliseconds, or -1 when unknown. */
    long millis() {
        return pid == null ? -1 : millisOf(Path.of("/proc", pid, "stat"));
    }

    /**
     * CPU milliseconds of the live threads by group ({@link #GROUPS}); "other" also takes the CPU of threads that have
     * ended (the process total minus the live threads' sum), so the groups add up to {@link #millis()}. Empty when unknown.
     */
    Map<String, Long> byGroup() {
        Map<String, Long> groups = new LinkedHashMap<>();
        if (pid == null) {
            return groups;
        }
        for (String group : GROUPS) {
            groups.put(group, 0L);
        }
        long total = millis();
        long live = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    long cpu = millisOf(stat);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    groups.merge(groupOf(name), cpu, Long::sum);
                    live += cpu;
                } catch (IOException | RuntimeException e) {
                    // the thread ended while listing: its CPU lands in "other" through the total
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        groups.merge("other", Math.max(0, total - live), Long::sum);
        return groups;
    }

    static String groupOf(String thread) {
        if (thread.startsWith("http-nio-") || thread.startsWith("tomcat-handler")) {
            return "requests";
        }
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler") || thread.startsWith("Sweeper")) {
            return "JIT";
        }
        if (thread.startsWith("G1 ") || thread.startsWith("GC Thread") || thread.startsWith("VM Thread")
                || thread.startsWith("ParGC") || thread.startsWith("VM Periodic")) {
            return "GC/VM";
        }
        if (thread.startsWith("task-")) {
            return "events"; // Spring's application task executor: asynchronous event listeners (the card's notices)
        }
        return "other";
    }

    /** utime + stime of this JVM (the benchmark client) in milliseconds. */
    static long self() {
        return millisOf(Path.of("/proc/self/stat"));
    }

    /** utime + stime of any process in milliseconds, or -1 when it is gone. */
    static long millisOfPid(int pid) {
        return millisOf(Path.of("/proc", Integer.toString(pid), "stat"));
    }

    /** The parent's pid (field 4), or null when the process is gone. */
    static Integer parentOf(int pid) {
        try {
            return Integer.valueOf(fields(Files.readString(Path.of("/proc", Integer.toString(pid), "stat")))[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** cutime + cstime (fields 16, 17): the CPU of the process's children that ended and were waited for. */
    static long childrenMillisOf(int pid) {
        try {
            String[] fields = fields(Files.readString(Path.of("/proc", Integer.toString(pid), "stat")));
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields after the command name: index 0 is field 3 (state). */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long millisOf(Path stat) {
        try {
            return millisOf(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long millisOf(String stat) {
        String[] fields = fields(stat);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND; // fields 14, 15
    }
}
